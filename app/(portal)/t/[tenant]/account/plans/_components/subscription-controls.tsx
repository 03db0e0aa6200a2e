'use client';

import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useId, useState } from 'react';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { mySubscriptionStepAction } from '../actions';

/**
 * SUB-7: cancel at period end (the default, access stays until then) or now, with an optional
 * reason; a scheduled cancel shows "Cancels on 31 Dec" and "Keep subscription".
 */
export function CancelControls({ slug, planName, periodEnd, scheduled, reason }: { slug: string; planName: string; periodEnd: string; scheduled: boolean; reason: string | null }) {
  const { pending, error, run } = useActionRunner();
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState<'end' | 'now'>('end');
  const [why, setWhy] = useState('');
  const ids = { end: useId(), now: useId(), why: useId() };
  if (scheduled) {
    return (
      <div className="flex flex-col gap-2">
        <p className="text-sm">
          <strong>Cancels on {periodEnd}.</strong> {reason ? `(${reason})` : ''} You keep {planName} until then.
        </p>
        <div>
          <Button variant="outline" disabled={pending} onClick={() => run(() => mySubscriptionStepAction(slug, { step: 'keep' }), { success: `${planName} continues.` })}>
            Keep subscription
          </Button>
        </div>
        {error && <Alert variant="destructive">{error}</Alert>}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <AlertDialog open={open} onOpenChange={setOpen}>
        <div>
          <AlertDialogTrigger asChild>
            <Button variant="outline">Cancel subscription</Button>
          </AlertDialogTrigger>
        </div>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Cancel {planName}?</AlertDialogTitle>
            <AlertDialogDescription>Choose when your subscription ends.</AlertDialogDescription>
          </AlertDialogHeader>
          <fieldset className="flex flex-col gap-3 text-sm">
            <legend className="sr-only">When it ends</legend>
            <div className="flex items-start gap-2">
              <input id={ids.end} type="radio" name="when" className="mt-1" checked={when === 'end'} onChange={() => setWhen('end')} />
              <label htmlFor={ids.end}>
                <strong>At period end</strong> - keep access until {periodEnd}
              </label>
            </div>
            <div className="flex items-start gap-2">
              <input id={ids.now} type="radio" name="when" className="mt-1" checked={when === 'now'} onChange={() => setWhen('now')} />
              <label htmlFor={ids.now}>
                <strong>Immediately</strong> - access ends now
              </label>
            </div>
          </fieldset>
          <div className="flex flex-col gap-1">
            <Label htmlFor={ids.why}>Reason (optional)</Label>
            <textarea id={ids.why} maxLength={500} value={why} onChange={(e) => setWhy(e.target.value)} className="min-h-16 rounded-md border px-3 py-2 text-sm" />
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep {planName}</AlertDialogCancel>
            <Button
              variant="destructive"
              disabled={pending}
              onClick={() => {
                setOpen(false);
                run(() => mySubscriptionStepAction(slug, { step: 'cancel', at_period_end: when === 'end', reason: why.trim() || undefined }), {
                  success: when === 'end' ? `${planName} cancels on ${periodEnd}.` : `${planName} was cancelled.`,
                });
              }}
            >
              {when === 'end' ? `Cancel on ${periodEnd}` : 'Cancel now'}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      {error && <Alert variant="destructive">{error}</Alert>}
    </div>
  );
}

/** SUB-4: a signing in progress: the way back to it, and "Cancel request" (back to unsigned). */
export function SigningControls({ slug, signing }: { slug: string; signing: { id: string; planId: string; planName: string; awaitingApproval: boolean; startsOn: string | null } }) {
  const { pending, error, run, dialog } = useActionRunner();
  const waiting = signing.awaitingApproval || signing.startsOn !== null;
  return (
    <div className="flex flex-col gap-2" data-testid="signing-controls">
      <p className="flex items-center gap-2 text-sm" role="status">
        {signing.startsOn === null && <Loader2 aria-hidden className="size-4 animate-spin" />}
        {signing.startsOn !== null
          ? `Switching to ${signing.planName} on ${signing.startsOn}, when your current period ends.`
          : signing.awaitingApproval
            ? `Signing ${signing.planName}: confirmed, waiting for the provider's approval.`
            : `Signing ${signing.planName}: enter the code we mailed you to finish.`}
      </p>
      <div className="flex flex-wrap gap-2">
        {!waiting && (
          <Button asChild>
            <Link href={`/t/${slug}/account/plans/${signing.planId}`}>Continue signing</Link>
          </Button>
        )}
        <Button
          variant="outline"
          disabled={pending}
          onClick={() =>
            run(() => mySubscriptionStepAction(slug, { step: 'withdraw', id: signing.id }), {
              confirm: {
                title: signing.startsOn ? `Cancel your switch to ${signing.planName}?` : `Cancel your request for ${signing.planName}?`,
                description: signing.startsOn
                  ? `${signing.planName} will not start. Your current plan still ends with its period: choose "Keep subscription" afterwards to stay on it.`
                  : 'The signing ends; you can choose a plan again at any time.',
                action: 'Cancel request',
              },
              success: 'Request cancelled.',
            })
          }
        >
          Cancel request
        </Button>
      </div>
      {error && <Alert variant="destructive">{error}</Alert>}
      {dialog}
    </div>
  );
}

'use client';

import { useId, useState } from 'react';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { suspensionReasonLabels, suspensionReasons, type SubscriptionState, type SuspensionReason } from '@/lib/config/enums';
import { allows } from '@/lib/config/subscriptions';
import { subscriptionStepAction } from '../actions';

type Sub = { id: string; state: SubscriptionState; awaitingApproval: boolean; cancelAtPeriodEnd: boolean; label: string };

/**
 * What staff may do now, as the state machine says: approve or reject a signing, suspend or
 * resume (a reason is required), cancel now or at period end. Through a link the confirmation
 * names the tenant.
 */
export function SubscriptionActions({ slug, subscription: s, tenantName, viaLink }: { slug: string; subscription: Sub; tenantName: string; viaLink: boolean }) {
  const { pending, error, run, dialog } = useActionRunner();
  const [reason, setReason] = useState<SuspensionReason>('admin');
  const [note, setNote] = useState('');
  const ids = { reason: useId(), note: useId() };
  const where = viaLink ? ` in ${tenantName}` : '';
  const noteOk = note.trim().length >= 3;
  const step = (input: Parameters<typeof subscriptionStepAction>[1], title: string, action: string, success: string) =>
    run(() => subscriptionStepAction(slug, input), { confirm: { title, description: `${s.label}${where}.`, action }, success, onSuccess: () => setNote('') });

  const can = {
    approve: allows('approve', s.state) && s.awaitingApproval,
    reject: allows('reject', s.state),
    suspend: allows('suspend', s.state),
    resume: allows('resume', s.state),
    cancel: allows('cancel', s.state),
  };
  if (!Object.values(can).some(Boolean)) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Change</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {can.suspend && (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={ids.reason}>Suspension reason</Label>
            <NativeSelect id={ids.reason} value={reason} onChange={(e) => setReason(e.target.value as SuspensionReason)} className="max-w-64">
              {suspensionReasons.map((r) => (
                <option key={r} value={r}>
                  {suspensionReasonLabels[r]}
                </option>
              ))}
            </NativeSelect>
          </div>
        )}
        {(can.suspend || can.resume || can.reject) && (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={ids.note}>Note (required, the subscriber reads it)</Label>
            <Input id={ids.note} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          {can.approve && (
            <Button disabled={pending} onClick={() => step({ step: 'approve', id: s.id }, `Approve ${s.label}${where}?`, 'Approve', 'Approved.')}>
              Approve
            </Button>
          )}
          {can.reject && (
            <Button variant="destructive" disabled={pending || !noteOk} onClick={() => step({ step: 'reject', id: s.id, reason: note.trim() }, `Reject ${s.label}${where}?`, 'Reject', 'Rejected.')}>
              Reject
            </Button>
          )}
          {can.suspend && (
            <Button variant="destructive" disabled={pending || !noteOk} onClick={() => step({ step: 'suspend', id: s.id, reason, note: note.trim() }, `Suspend ${s.label}${where}?`, 'Suspend', 'Suspended.')}>
              Suspend
            </Button>
          )}
          {can.resume && (
            <Button disabled={pending || !noteOk} onClick={() => step({ step: 'resume', id: s.id, note: note.trim() }, `Resume ${s.label}${where}?`, 'Resume', 'Resumed.')}>
              Resume
            </Button>
          )}
          {can.cancel && !s.cancelAtPeriodEnd && (
            <Button variant="outline" disabled={pending} onClick={() => step({ step: 'cancel', id: s.id, at_period_end: true }, `Cancel ${s.label} at its period end${where}?`, 'Cancel at period end', 'Set to cancel at the period end.')}>
              Cancel at period end
            </Button>
          )}
          {can.cancel && (
            <Button variant="outline" disabled={pending} onClick={() => step({ step: 'cancel', id: s.id, at_period_end: false }, `Cancel ${s.label} now${where}?`, 'Cancel now', 'Cancelled.')}>
              Cancel now
            </Button>
          )}
        </div>
        {(can.suspend || can.resume || can.reject) && !noteOk && <p className="text-xs text-muted-foreground">Write a note of at least 3 characters to suspend, resume or reject.</p>}
        {error && <Alert variant="destructive">{error}</Alert>}
        {dialog}
      </CardContent>
    </Card>
  );
}

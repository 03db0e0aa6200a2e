'use client';

import { useState } from 'react';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Field } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { KycKind } from '@/lib/config/enums';
import { resubmissionReasons, type ResubmissionReason } from '@/lib/config/kyc';
import { decideKycAction } from '../../actions';

type Choice = 'approve' | 'request_resubmission' | 'reject';

/** Approve, request resubmission (reasons from a list, with the text the applicant will see), or reject (final). */
export function DecisionPanel({ slug, id, applicant, kind, documentExpiresOn }: { slug: string; id: string; applicant: string; kind: KycKind; documentExpiresOn: string | null }) {
  const runner = useActionRunner();
  const [choice, setChoice] = useState<Choice>('approve');
  const [expires, setExpires] = useState(documentExpiresOn ?? '');
  const [reasons, setReasons] = useState<ResubmissionReason[]>([]);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const preview = [...reasons.map((r) => resubmissionReasons[r]), ...(note.trim() ? [note.trim()] : [])].join(' ');

  const decide = () => {
    if (choice === 'approve') {
      return runner.run(() => decideKycAction(slug, { id, decision: { decision: 'approve', ...(kind === 'identity' && expires ? { documentExpiresOn: expires } : {}) } }), {
        success: `Approved: ${applicant}.`,
      });
    }
    if (choice === 'request_resubmission') {
      return runner.run(() => decideKycAction(slug, { id, decision: { decision: 'request_resubmission', reasons, ...(note.trim() ? { note: note.trim() } : {}) } }), {
        success: `Asked ${applicant} to send the documents again.`,
      });
    }
    return runner.run(() => decideKycAction(slug, { id, decision: { decision: 'reject', reason } }), {
      success: `Rejected: ${applicant}.`,
      confirm: { title: `Reject ${applicant}'s check?`, description: `This is final: ${applicant} cannot send this check again. They are told the reason.`, action: 'Reject' },
    });
  };

  return (
    <section aria-labelledby="decide-title" className="rounded-lg border p-4">
      <h2 id="decide-title" className="mb-3 font-semibold">
        Decision
      </h2>
      <fieldset className="mb-4 flex flex-col gap-2 text-sm">
        <legend className="sr-only">Decision</legend>
        {(
          [
            ['approve', 'Approve'],
            ['request_resubmission', 'Request resubmission'],
            ['reject', 'Reject (final)'],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="flex items-center gap-2">
            <input type="radio" name="decision" value={value} checked={choice === value} onChange={() => setChoice(value)} />
            {text}
          </label>
        ))}
      </fieldset>
      {choice === 'approve' && kind === 'identity' && (
        <Field id="confirm-expiry" label="Document valid until (as printed)" hint="Confirm or correct what the applicant entered; warnings go out 30 and 7 days before.">
          <Input id="confirm-expiry" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} aria-describedby="confirm-expiry-hint" />
        </Field>
      )}
      {choice === 'request_resubmission' && (
        <div className="flex flex-col gap-3 text-sm">
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 font-medium">What must change</legend>
            {(Object.keys(resubmissionReasons) as ResubmissionReason[]).map((r) => (
              <label key={r} className="flex items-start gap-2">
                <input type="checkbox" className="mt-1" checked={reasons.includes(r)} onChange={(e) => setReasons(e.target.checked ? [...reasons, r] : reasons.filter((x) => x !== r))} />
                {resubmissionReasons[r]}
              </label>
            ))}
          </fieldset>
          <Field id="resubmit-note" label="A note of your own (optional)">
            <Input id="resubmit-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <div className="rounded border bg-secondary/40 p-2" aria-live="polite">
            <div className="text-xs font-medium text-muted-foreground">The applicant will see</div>
            <p>{preview || 'Pick at least one reason.'}</p>
          </div>
        </div>
      )}
      {choice === 'reject' && (
        <Field id="reject-reason" label="Reason (the applicant sees it)">
          <Input id="reject-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </Field>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Button
          variant={choice === 'reject' ? 'destructive' : 'default'}
          disabled={runner.pending || (choice === 'request_resubmission' && reasons.length === 0) || (choice === 'reject' && reason.trim().length < 5)}
          onClick={decide}
        >
          {choice === 'approve' ? 'Approve' : choice === 'reject' ? 'Reject' : 'Request resubmission'}
        </Button>
      </div>
      {runner.error && (
        <p role="alert" className="mt-2 text-sm text-destructive">
          {runner.error}
        </p>
      )}
      {runner.dialog}
    </section>
  );
}

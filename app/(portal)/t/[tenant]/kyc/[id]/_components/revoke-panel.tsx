'use client';

import { useState } from 'react';
import { Field } from '@/components/forms/field';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { revokeKycAction } from '../../actions';

/** Revoking a verified check (a forged document found later): a reason, and a confirmation naming the person. */
export function RevokePanel({ slug, id, applicant }: { slug: string; id: string; applicant: string }) {
  const runner = useActionRunner();
  const [reason, setReason] = useState('');
  return (
    <div className="mt-4 flex flex-col gap-2 border-t pt-4">
      <Field id="revoke-reason" label="Revoke this verification: reason">
        <Input id="revoke-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div>
        <Button
          variant="destructive"
          size="sm"
          disabled={runner.pending || reason.trim().length < 5}
          onClick={() =>
            runner.run(() => revokeKycAction(slug, { id, reason }), {
              success: `Revoked: ${applicant}.`,
              confirm: { title: `Revoke ${applicant}'s verification?`, description: `They drop below the type this check gave them, from their next request, and are told why: ${reason}`, action: 'Revoke' },
            })
          }
        >
          Revoke verification
        </Button>
      </div>
      {runner.error && (
        <p role="alert" className="text-sm text-destructive">
          {runner.error}
        </p>
      )}
      {runner.dialog}
    </div>
  );
}

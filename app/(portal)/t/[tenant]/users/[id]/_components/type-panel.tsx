'use client';

import { useState } from 'react';
import { Field } from '@/components/forms/field';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { userTypeLabels, type UserType } from '@/lib/config/enums';
import { changeUserTypeAction } from '../../actions';

type Option = { to: UserType; allowed: boolean; why: string | null };

/** Moves a user one type up or down, with a reason; blocked moves say why. */
export function TypePanel({ slug, userId, name, type, options }: { slug: string; userId: string; name: string; type: UserType; options: Option[] }) {
  const runner = useActionRunner();
  const allowed = options.filter((o) => o.allowed);
  const [to, setTo] = useState<UserType | ''>(allowed[0]?.to ?? '');
  const [reason, setReason] = useState('');
  return (
    <section aria-labelledby="change-type-title" className="flex flex-col gap-3">
      <h2 id="change-type-title" className="font-medium">
        Change type (now {userTypeLabels[type]})
      </h2>
      {options
        .filter((o) => !o.allowed)
        .map((o) => (
          <p key={o.to} className="text-muted-foreground">
            Not to {userTypeLabels[o.to]}: {o.why}
          </p>
        ))}
      {allowed.length > 0 && (
        <>
          <fieldset className="flex flex-wrap gap-4">
            <legend className="sr-only">New type</legend>
            {allowed.map((o) => (
              <label key={o.to} className="flex items-center gap-2">
                <input type="radio" name="to" value={o.to} checked={to === o.to} onChange={() => setTo(o.to)} />
                {userTypeLabels[o.to]}
              </label>
            ))}
          </fieldset>
          <Field id="type-reason" label="Reason (kept in the history and sent to the user)">
            <Input id="type-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div>
            <Button
              disabled={runner.pending || !to || reason.trim().length < 5}
              onClick={() =>
                to &&
                runner.run(() => changeUserTypeAction(slug, { id: userId, to: to as 'guest' | 'basic' | 'advanced' | 'company', reason }), {
                  success: `${name} is now ${userTypeLabels[to]}.`,
                  confirm: { title: `Make ${name} ${userTypeLabels[to]}?`, description: `Their limits and plans change from their next request. Reason: ${reason}`, action: `Make ${userTypeLabels[to]}` },
                  onSuccess: () => setReason(''),
                })
              }
            >
              Change type
            </Button>
          </div>
        </>
      )}
      {runner.error && (
        <p role="alert" className="text-destructive">
          {runner.error}
        </p>
      )}
      {runner.dialog}
    </section>
  );
}

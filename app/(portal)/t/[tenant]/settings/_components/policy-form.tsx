'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { breachActions } from '@/lib/config/policies';
import type { PolicyDto } from '@/lib/validation/config';
import { resetPolicyAction, updatePolicyAction } from '../actions';
import { NativeSelect } from '@/components/ui/native-select';

const numberOrNull = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? null : Number(v));

/** One user type's session and usage policy; empty fields mean "no limit". */
export function PolicyForm({ slug, policy }: { slug: string; policy: PolicyDto }) {
  const { pending, error, run } = useActionRunner();
  const [saved, setSaved] = useState(false);
  const id = (field: string) => `${policy.userType}-${field}`;
  const submit = (form: FormData) =>
    run(
      () =>
        updatePolicyAction(slug, {
          type: policy.userType,
          policy: {
            inactivityTimeoutMinutes: numberOrNull(form.get('inactivityTimeoutMinutes')),
            opsPerDay: numberOrNull(form.get('opsPerDay')),
            opsPerWeek: numberOrNull(form.get('opsPerWeek')),
            breachAction: String(form.get('breachAction')) as PolicyDto['breachAction'],
            maxConcurrentSessions: numberOrNull(form.get('maxConcurrentSessions')),
          },
        }),
      { onSuccess: () => setSaved(true) },
    );
  // Admins never get operation quotas: one could lock the tenant out of its own settings.
  const noQuota = policy.userType === 'admin';
  const field = (name: keyof PolicyDto, label: string, min: number, disabled = false) => (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id(name)}>{label}</Label>
      <Input id={id(name)} name={name} type="number" min={min} placeholder={disabled ? 'never for admins' : 'no limit'} disabled={disabled} defaultValue={(policy[name] as number | null) ?? ''} />
    </div>
  );
  return (
    <form action={submit} aria-label={`${policy.userType} policy`} className="grid gap-3 md:grid-cols-6" onChange={() => setSaved(false)}>
      {field('inactivityTimeoutMinutes', 'Inactivity timeout (min)', 5)}
      {field('opsPerDay', 'Operations / 24 h', 1, noQuota)}
      {field('opsPerWeek', 'Operations / 7 days', 1, noQuota)}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={id('breachAction')}>On breach</Label>
        <NativeSelect id={id('breachAction')} name="breachAction" defaultValue={policy.breachAction} options={breachActions} />
      </div>
      {field('maxConcurrentSessions', 'Max sessions', 1)}
      <div className="flex items-end gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          Save
        </Button>
        {policy.customised && (
          <Button type="button" size="sm" variant="outline" disabled={pending} onClick={() => run(() => resetPolicyAction(slug, { type: policy.userType }))}>
            Defaults
          </Button>
        )}
      </div>
      {(error || saved) && (
        <Alert variant={error ? 'destructive' : 'info'} className="md:col-span-6">
          {error ?? `Saved. The ${policy.userType} policy applies from each user's next request.`}
        </Alert>
      )}
    </form>
  );
}

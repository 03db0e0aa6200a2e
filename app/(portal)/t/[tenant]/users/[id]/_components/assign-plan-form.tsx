'use client';

import { useId, useState } from 'react';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { assignPlanAction } from '../../../subscriptions/actions';

/** Staff put the user on a plan their type allows (signed from now, no code), with a reason. */
export function AssignPlanForm({ slug, userId, name, plans }: { slug: string; userId: string; name: string; plans: { id: string; name: string }[] }) {
  const { pending, error, run, dialog } = useActionRunner();
  const [planId, setPlanId] = useState(plans[0]!.id);
  const [reason, setReason] = useState('');
  const ids = { plan: useId(), reason: useId() };
  const plan = plans.find((p) => p.id === planId)!;
  return (
    <form
      className="flex flex-col gap-3"
      aria-label="Assign a plan"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => assignPlanAction(slug, { userId, planId, reason: reason.trim() }), {
          confirm: { title: `Put ${name} on ${plan.name}?`, description: 'The subscription is signed from now, without a confirmation code. The user is told.', action: 'Assign plan' },
          success: `${name} is on ${plan.name}.`,
        });
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={ids.plan}>Plan</Label>
        <NativeSelect id={ids.plan} value={planId} onChange={(e) => setPlanId(e.target.value)} className="max-w-72">
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={ids.reason}>Reason</Label>
        <Input id={ids.reason} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div>
        <Button type="submit" disabled={pending || reason.trim().length < 3}>
          Assign plan
        </Button>
      </div>
      {error && <Alert variant="destructive">{error}</Alert>}
      {dialog}
    </form>
  );
}

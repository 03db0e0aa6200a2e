'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { SubscriptionSettings } from '@/lib/validation/plans';
import { updateSubscriptionSettingsAction } from '../actions';
import { InteractiveFieldset } from '@/components/forms/interactive-fieldset';

/** Switching plans, manual approval of signings, and the grace period of a suspension. */
export function SubscriptionSettingsForm({ slug, settings, readOnly }: { slug: string; settings: SubscriptionSettings; readOnly: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SubscriptionSettings>({ defaultValues: settings });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await updateSubscriptionSettingsAction(slug, values);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof SubscriptionSettings, { message: messages[0] });
      return setError(result.error.message);
    }
    toast.success('Subscription settings saved.');
    form.reset(result.data);
    router.refresh();
  });
  const grace = errors.suspensionGraceDays?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4" aria-label="Subscription settings">
      <InteractiveFieldset>
        {error && <Alert variant="destructive">{error}</Alert>}
        <fieldset disabled={readOnly} className="flex flex-col gap-4">
          <div className="flex items-center gap-2 text-sm">
            <input id="allowPlanSwitching" type="checkbox" className="size-4" {...form.register('allowPlanSwitching')} />
            <label htmlFor="allowPlanSwitching">Subscribers may switch plans (the current plan ends when the new one is signed); otherwise they cancel first</label>
          </div>
          <div className="flex items-center gap-2 text-sm">
            <input id="signingRequiresApproval" type="checkbox" className="size-4" {...form.register('signingRequiresApproval')} />
            <label htmlFor="signingRequiresApproval">An admin approves each new subscription after the subscriber confirms the code</label>
          </div>
          <Field id="suspensionGraceDays" label="Grace period of a suspension (days)" hint="1 to 365. A suspended subscription not resumed within it ends." error={grace}>
            <Input id="suspensionGraceDays" type="number" min={1} max={365} className="max-w-32" {...describedBy('suspensionGraceDays', grace, 'hint')} {...form.register('suspensionGraceDays', { valueAsNumber: true })} />
          </Field>
        </fieldset>
        {!readOnly && (
          <div>
            <Button type="submit" disabled={isSubmitting}>
              Save subscription settings
            </Button>
          </div>
        )}
      </InteractiveFieldset>
    </form>
  );
}

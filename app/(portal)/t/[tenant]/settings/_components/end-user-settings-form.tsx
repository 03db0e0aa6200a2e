'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import type { EndUserSettings } from '@/lib/validation/account';
import { updateEndUserSettingsAction } from '../actions';
import { InteractiveFieldset } from '@/components/forms/interactive-fieldset';

const b2a = { automatic: 'Automatic, on request', advanced_kyc: 'Advanced KYC (proof of address)', admin_approval: 'Admin approval' };
const a2c = { business_verification: 'Business verification (company documents)', admin_approval: 'Admin approval' };
const expiry = { guest: 'Back to guest', one_step: 'One type down' };

/**
 * Sign-up, upgrade rules, what an expired document does, and how long documents are kept. Every
 * choice but the number is a select, so the server's schema is the only check that matters; its
 * field errors come back next to the field (the page stays without zod in the browser).
 */
export function EndUserSettingsForm({ slug, settings, readOnly }: { slug: string; settings: EndUserSettings; readOnly: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<EndUserSettings>({ defaultValues: settings });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await updateEndUserSettingsAction(slug, values);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof EndUserSettings, { message: messages[0] });
      return setError(result.error.message);
    }
    toast.success('End-user settings saved.');
    form.reset(result.data);
    router.refresh();
  });
  const days = errors.kycRetentionDays?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4" aria-label="End-user settings">
      <InteractiveFieldset>
        {error && <Alert variant="destructive">{error}</Alert>}
        <fieldset disabled={readOnly} className="flex flex-col gap-4">
          <div className="flex items-center gap-2 text-sm">
            <input id="selfSignup" type="checkbox" className="size-4" {...form.register('selfSignup')} />
            <label htmlFor="selfSignup">Anyone may sign up on the tenant&apos;s sign-in page (as a guest)</label>
          </div>
          {(
            [
              ['basicToAdvanced', 'Basic to advanced', b2a],
              ['advancedToCompany', 'Advanced to company', a2c],
              ['expiryDowngrade', 'When a verified identity document expires', expiry],
            ] as const
          ).map(([name, label, choices]) => (
            <Field key={name} id={name} label={label} error={errors[name]?.message}>
              <NativeSelect id={name} {...form.register(name)}>
                {Object.entries(choices).map(([v, t]) => (
                  <option key={v} value={v}>
                    {t}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          ))}
          <Field id="kycRetentionDays" label="Keep KYC documents for (days after the decision)" error={days} hint="1 to 3650 days. The decision, the entered details and the audit trail stay.">
            <Input
              id="kycRetentionDays"
              type="number"
              min={1}
              max={3650}
              className="max-w-32"
              {...describedBy('kycRetentionDays', days, 'hint')}
              {...form.register('kycRetentionDays', { valueAsNumber: true })}
            />
          </Field>
        </fieldset>
        {!readOnly && (
          <div>
            <Button type="submit" disabled={isSubmitting}>
              Save end-user settings
            </Button>
          </div>
        )}
      </InteractiveFieldset>
    </form>
  );
}

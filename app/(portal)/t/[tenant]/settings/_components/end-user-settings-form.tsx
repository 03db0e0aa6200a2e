'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { endUserSettingsSchema, type EndUserSettings, type EndUserSettingsInput } from '@/lib/validation/account';
import { updateEndUserSettingsAction } from '../actions';

const b2a = { automatic: 'Automatic, on request', advanced_kyc: 'Advanced KYC (proof of address)', admin_approval: 'Admin approval' };
const a2c = { business_verification: 'Business verification (company documents)', admin_approval: 'Admin approval' };
const expiry = { guest: 'Back to guest', one_step: 'One type down' };

/** Sign-up, upgrade rules, what an expired document does, and how long documents are kept. */
export function EndUserSettingsForm({ slug, settings, readOnly }: { slug: string; settings: EndUserSettings; readOnly: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<EndUserSettingsInput, unknown, EndUserSettings>({ resolver: zodResolver(endUserSettingsSchema), defaultValues: settings });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await updateEndUserSettingsAction(slug, values);
    if (!result.ok) return setError(result.error.message);
    toast.success('End-user settings saved.');
    form.reset(result.data);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4" aria-label="End-user settings">
      {error && <Alert variant="destructive">{error}</Alert>}
      <fieldset disabled={readOnly} className="flex flex-col gap-4">
        <div className="flex items-center gap-2 text-sm">
          <input id="selfSignup" type="checkbox" className="size-4" {...form.register('selfSignup')} />
          <label htmlFor="selfSignup">Anyone may sign up on the tenant&apos;s sign-in page (as a guest)</label>
        </div>
        <Field id="basicToAdvanced" label="Basic to advanced" error={errors.basicToAdvanced?.message}>
          <NativeSelect id="basicToAdvanced" {...form.register('basicToAdvanced')}>
            {Object.entries(b2a).map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="advancedToCompany" label="Advanced to company" error={errors.advancedToCompany?.message}>
          <NativeSelect id="advancedToCompany" {...form.register('advancedToCompany')}>
            {Object.entries(a2c).map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="expiryDowngrade" label="When a verified identity document expires" error={errors.expiryDowngrade?.message}>
          <NativeSelect id="expiryDowngrade" {...form.register('expiryDowngrade')}>
            {Object.entries(expiry).map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="kycRetentionDays" label="Keep KYC documents for (days after the decision)" error={errors.kycRetentionDays?.message} hint="The decision, the entered details and the audit trail stay.">
          <Input id="kycRetentionDays" type="number" min={1} max={3650} className="max-w-32" {...describedBy('kycRetentionDays', errors.kycRetentionDays?.message, 'hint')} {...form.register('kycRetentionDays')} />
        </Field>
      </fieldset>
      {!readOnly && (
        <div>
          <Button type="submit" disabled={isSubmitting}>
            Save end-user settings
          </Button>
        </div>
      )}
    </form>
  );
}

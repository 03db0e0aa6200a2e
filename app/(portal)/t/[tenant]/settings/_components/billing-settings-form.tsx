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
import type { BillingSettings } from '@/lib/validation/billing';
import { updateBillingSettingsAction } from '../actions';
import { InteractiveFieldset } from '@/components/forms/interactive-fieldset';

type Key = keyof BillingSettings;

/** Invoice numbers, tax, payment terms and the dunning ladder (days after the due date). New invoices use them. */
export function BillingSettingsForm({ slug, settings, readOnly }: { slug: string; settings: BillingSettings; readOnly: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<BillingSettings>({ defaultValues: settings });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await updateBillingSettingsAction(slug, values);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(field as Key, { message: messages[0] });
      return setError(result.error.message);
    }
    toast.success('Billing settings saved.');
    form.reset(result.data);
    router.refresh();
  });
  const number = (key: Key, label: string, hint: string, min: number, max: number) => (
    <Field id={key} label={label} hint={hint} error={errors[key]?.message}>
      <Input id={key} type="number" min={min} max={max} className="max-w-32" {...describedBy(key, errors[key]?.message, 'hint')} {...form.register(key, { valueAsNumber: true })} />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4" aria-label="Billing settings">
      <InteractiveFieldset>
        {error && <Alert variant="destructive">{error}</Alert>}
        <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
          <Field id="invoicePrefix" label="Invoice number prefix" hint="3 to 12 capital letters or digits: NWF-2026-000123." error={errors.invoicePrefix?.message}>
            <Input id="invoicePrefix" className="max-w-40 uppercase" {...describedBy('invoicePrefix', errors.invoicePrefix?.message, 'hint')} {...form.register('invoicePrefix')} />
          </Field>
          {number('taxRateBps', 'Tax rate (basis points)', '2000 is 20 %; 0 for none.', 0, 10000)}
          <Field id="taxBehavior" label="Prices and tax" error={errors.taxBehavior?.message}>
            <NativeSelect id="taxBehavior" className="max-w-64" {...form.register('taxBehavior')}>
              <option value="exclusive">Tax is added on top of prices</option>
              <option value="inclusive">Prices include tax</option>
            </NativeSelect>
          </Field>
          {number('paymentTermsDays', 'Payment terms (days)', 'From the invoice date to the due date.', 0, 365)}
          {number('dunningWarningDays', 'Warning after (days overdue)', 'Plan changes are blocked from then.', 1, 365)}
          {number('dunningSuspendDays', 'Suspend after (days overdue)', 'The subscription is suspended for non-payment.', 2, 365)}
          {number('dunningCancelDays', 'End after (days overdue)', 'The subscription ends; the invoice is uncollectible.', 3, 365)}
        </fieldset>
        {!readOnly && (
          <div>
            <Button type="submit" disabled={isSubmitting}>
              Save billing settings
            </Button>
          </div>
        )}
      </InteractiveFieldset>
    </form>
  );
}

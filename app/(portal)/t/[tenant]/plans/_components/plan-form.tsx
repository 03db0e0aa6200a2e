'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { toast } from 'sonner';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { billingCycles, planUserTypes } from '@/lib/config/enums';
import { currencies, formatPrice } from '@/lib/config/subscriptions';
import type { PlanDto, PlanInput } from '@/lib/validation/plans';
import { createPlanAction, updatePlanAction } from '../actions';
import { InteractiveFieldset } from '@/components/forms/interactive-fieldset';

const emptyToNull = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));
const blank: PlanInput = { name: '', description: '', features: [], priceMinor: 0, currency: 'USD', billingCycle: 'monthly', availableFor: ['basic'], opsPerDay: null, opsPerWeek: null, inactivityTimeoutMinutes: null, active: true };

/**
 * Create or edit a plan (PLN-1..3). The server's zod schema (lib/validation/plans.ts) is the one
 * check: its field errors come back next to each field, and the page ships no zod (the 250 KB
 * first-load budget; e2e/shell/budget.spec.ts). The price is entered in
 * minor units and shown formatted beside it; saving a new price for a plan with subscribers asks
 * "Apply to N current subscribers from their next period?" (default No); deactivating asks with
 * the impact first.
 */
export function PlanForm({ slug, plan, locale }: { slug: string; plan: PlanDto | null; locale: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ kind: 'price' | 'deactivate'; values: PlanInput } | null>(null);
  const form = useForm<PlanInput>({
    defaultValues: plan
      ? {
          name: plan.name,
          description: plan.description,
          features: plan.features,
          priceMinor: plan.priceMinor,
          currency: plan.currency as PlanInput['currency'],
          billingCycle: plan.billingCycle,
          availableFor: plan.availableFor,
          opsPerDay: plan.opsPerDay,
          opsPerWeek: plan.opsPerWeek,
          inactivityTimeoutMinutes: plan.inactivityTimeoutMinutes,
          active: plan.active,
        }
      : blank,
  });
  const { errors, isSubmitting } = form.formState;
  const price = useWatch({ control: form.control, name: 'priceMinor' });
  const currency = useWatch({ control: form.control, name: 'currency' });
  const shownPrice = Number.isInteger(price) && (price as number) >= 0 ? formatPrice(price as number, currency, locale) : '—';
  const subscribers = plan?.subscriberCount ?? 0;

  const save = async (values: PlanInput, applyToSubscribers = false) => {
    setError(null);
    const result = plan ? await updatePlanAction(slug, { ...values, id: plan.id, applyToSubscribers }) : await createPlanAction(slug, values);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof PlanInput, { message: messages[0] });
      return setError(result.error.message);
    }
    toast.success(plan ? `${values.name.trim()} saved${applyToSubscribers ? `; the new price reaches ${subscribers} subscriber${subscribers === 1 ? '' : 's'} from their next period` : ''}.` : `${values.name} created.`);
    if (plan) router.refresh();
    else router.push(`/t/${slug}/plans/${result.data.id}`);
  };

  const onSubmit = form.handleSubmit(async (raw) => {
    // A checkbox group with nothing ticked reads as false: it is "no type", which the server refuses in words.
    const values = { ...raw, availableFor: Array.isArray(raw.availableFor) ? raw.availableFor : [] };
    if (plan && plan.active && !values.active && subscribers > 0) return setAsking({ kind: 'deactivate', values });
    if (plan && values.priceMinor !== plan.priceMinor && subscribers > 0) return setAsking({ kind: 'price', values });
    await save(values);
  });

  const limit = (name: 'opsPerDay' | 'opsPerWeek' | 'inactivityTimeoutMinutes', label: string, hint: string) => (
    <Field id={name} label={label} hint={hint} error={errors[name]?.message}>
      <Input id={name} type="number" min={1} className="max-w-40" {...describedBy(name, errors[name]?.message, 'hint')} {...form.register(name, { setValueAs: emptyToNull })} />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-2xl flex-col gap-4" aria-label={plan ? `Edit ${plan.name}` : 'New plan'}>
      <InteractiveFieldset>
        {error && <Alert variant="destructive">{error}</Alert>}
        <Field id="name" label="Name" error={errors.name?.message}>
          <Input id="name" {...describedBy('name', errors.name?.message)} {...form.register('name')} />
        </Field>
        <Field id="description" label="Description" error={errors.description?.message}>
          <textarea id="description" className="min-h-20 rounded-md border px-3 py-2 text-sm" {...describedBy('description', errors.description?.message)} {...form.register('description')} />
        </Field>
        <Controller
          control={form.control}
          name="features"
          render={({ field }) => (
            <Field id="features" label="Features" hint="One per line; shown as bullets on the plan card (at most 12)." error={errors.features?.message ?? errors.features?.[0]?.message}>
              <textarea
                id="features"
                className="min-h-24 rounded-md border px-3 py-2 text-sm"
                value={(field.value ?? []).join('\n')}
                onChange={(e) => field.onChange(e.target.value.split('\n').map((l) => l.trimStart()).filter((l, i, all) => l !== '' || i === all.length - 1))}
                onBlur={() => {
                  field.onChange((field.value ?? []).map((l) => l.trim()).filter(Boolean));
                  field.onBlur();
                }}
                {...describedBy('features', errors.features?.message, 'hint')}
              />
            </Field>
          )}
        />
        <div className="grid gap-4 md:grid-cols-3">
          <Field id="priceMinor" label="Price in minor units" hint={`${shownPrice} (2999 is 29.99)`} error={errors.priceMinor?.message}>
            <Input id="priceMinor" type="number" min={0} step={1} inputMode="numeric" {...describedBy('priceMinor', errors.priceMinor?.message, 'hint')} {...form.register('priceMinor', { valueAsNumber: true })} />
          </Field>
          <Field id="currency" label="Currency (ISO 4217)" error={errors.currency?.message}>
            <NativeSelect id="currency" {...form.register('currency')}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="billingCycle" label="Billing cycle" error={errors.billingCycle?.message}>
            <NativeSelect id="billingCycle" {...form.register('billingCycle')}>
              {billingCycles.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
        <fieldset className="flex flex-col gap-2" aria-describedby={errors.availableFor ? 'availableFor-error' : 'availableFor-hint'}>
          <legend className="mb-1 text-sm font-medium">Eligible types</legend>
          <div className="flex flex-wrap gap-4">
            {planUserTypes.map((t) => (
              <label key={t} className="flex items-center gap-2 text-sm">
                <input type="checkbox" value={t} className="size-4" {...form.register('availableFor')} />
                {t}
              </label>
            ))}
          </div>
          {errors.availableFor ? (
            <p id="availableFor-error" className="text-xs text-destructive">
              {errors.availableFor.message ?? errors.availableFor[0]?.message}
            </p>
          ) : (
            <p id="availableFor-hint" className="text-xs text-muted-foreground">
              At least one. Basic users see basic plans, advanced basic and advanced, company all. Guests and admins never subscribe.
            </p>
          )}
        </fieldset>
        <fieldset className="grid gap-4 md:grid-cols-3">
          <legend className="mb-1 text-sm font-medium">Limits while signed (empty: the user type&apos;s policy)</legend>
          {limit('opsPerDay', 'Operations per day', 'Rolling 24 hours.')}
          {limit('opsPerWeek', 'Operations per week', 'Rolling 7 days.')}
          {limit('inactivityTimeoutMinutes', 'Inactivity timeout (minutes)', 'Session ends after this idle time.')}
        </fieldset>
        {plan?.discontinuedAt ? (
          <p className="text-sm">Discontinued on {plan.discontinuedAt.slice(0, 10)}: no longer offered, for good.</p>
        ) : (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...form.register('active')} />
            Active: offered to new subscribers
          </label>
        )}
        <div>
          <Button type="submit" disabled={isSubmitting}>
            {plan ? 'Save plan' : 'Create plan'}
          </Button>
        </div>

        <AlertDialog open={asking !== null} onOpenChange={(open) => !open && setAsking(null)}>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>{asking?.kind === 'price' ? `Apply to ${subscribers} current subscriber${subscribers === 1 ? '' : 's'} from their next period?` : `Deactivate ${plan?.name}?`}</AlertDialogTitle>
              <AlertDialogDescription>
                {asking?.kind === 'price'
                  ? `They keep ${plan ? formatPrice(plan.priceMinor, plan.currency, locale) : ''} unless you apply the new price (${asking ? formatPrice(asking.values.priceMinor, asking.values.currency, locale) : ''}); it would start with their next period. New subscribers pay the new price either way.`
                  : `${subscribers} subscriber${subscribers === 1 ? '' : 's'} keep their plan; no one new can subscribe. To end their subscriptions at their period end, discontinue the plan instead.`}
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>{asking?.kind === 'price' ? 'Back' : 'Keep it active'}</AlertDialogCancel>
              {asking?.kind === 'price' ? (
                <>
                  <Button variant="outline" onClick={() => asking && (setAsking(null), void save(asking.values, false))}>
                    No, new subscribers only
                  </Button>
                  <Button onClick={() => asking && (setAsking(null), void save(asking.values, true))}>Yes, apply to {subscribers}</Button>
                </>
              ) : (
                <Button variant="destructive" onClick={() => asking && (setAsking(null), void save(asking.values))}>
                  Deactivate
                </Button>
              )}
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </InteractiveFieldset>
    </form>
  );
}

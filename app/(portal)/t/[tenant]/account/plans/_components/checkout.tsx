'use client';

import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { toast } from 'sonner';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { CODE_MINUTES, CODE_TRIES } from '@/lib/config/subscriptions';
import { confirmAction, mySubscriptionStepAction, subscribeAction } from '../actions';

type Step = 'review' | 'sign' | 'done';
type Props = {
  slug: string;
  plan: { id: string; name: string; price: string; cycle: 'monthly' | 'yearly'; features: string[] };
  tenantName: string;
  today: string;
  switchingFrom: string | null;
  signing: { id: string; awaitingApproval: boolean; scheduled: boolean } | null;
  /** A switch that is not an upgrade: the day it starts (the current period's end); null: at once. */
  switchStartsOn: string | null;
  /** Already this plan (after signing, or a stale link): the result. */
  subscribed: boolean;
  code: { expiresAt: string; triesLeft: number } | null;
  email: string;
};

const steps: { id: Step; label: string }[] = [
  { id: 'review', label: 'Review' },
  { id: 'sign', label: 'Sign' },
  { id: 'done', label: 'Result' },
];

/**
 * SUB-3, after Documenso's signing dialog: Review (plan, price, cycle, start, terms) -> Sign
 * (typed legal name, consent, the mailed 6-digit code; Sign stays disabled until all three are
 * valid) -> Result. Each step carries one idempotency key, so a double click answers once.
 */
export function Checkout(p: Props) {
  const [step, setStep] = useState<Step>(p.subscribed ? 'done' : p.signing ? (p.signing.awaitingApproval || p.signing.scheduled ? 'done' : 'sign') : 'review');
  const [signingId, setSigningId] = useState(p.signing?.id ?? null);
  const [awaiting, setAwaiting] = useState(p.signing?.awaitingApproval ?? false);
  const [scheduled, setScheduled] = useState(p.signing?.scheduled ?? false);
  const [keys] = useState(() => ({ subscribe: crypto.randomUUID(), confirm: crypto.randomUUID() }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const [code, setCode] = useState('');
  const ready = name.trim().length >= 2 && consent && /^\d{6}$/.test(code.trim());
  const at = steps.findIndex((s) => s.id === step);

  const start = async () => {
    setBusy(true);
    setError(null);
    const result = await subscribeAction(p.slug, { planId: p.plan.id, key: keys.subscribe });
    setBusy(false);
    if (!result.ok) return setError(result.error.message + (result.fieldErrors?.planId ? ` ${result.fieldErrors.planId[0]}` : ''));
    setSigningId(result.data.id);
    setStep('sign');
    toast.success(`We mailed a code to ${p.email}.`);
  };

  const sign = async () => {
    if (!signingId || !ready) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const result = await confirmAction(p.slug, { id: signingId, code: code.trim(), signedName: name, consent: true, key: keys.confirm });
    setBusy(false);
    if (!result.ok) {
      setFieldErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
      return setError(result.error.message);
    }
    setAwaiting(result.data.awaitingApproval);
    setScheduled(result.data.startsAt !== null);
    setStep('done');
  };

  const resend = async () => {
    if (!signingId) return;
    const result = await mySubscriptionStepAction(p.slug, { step: 'resend', id: signingId });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setCode('');
    toast.success(`A new code is on its way to ${p.email}.`);
  };

  return (
    <div className="flex flex-col gap-4">
      <ol className="flex gap-4 text-sm" aria-label="Steps">
        {steps.map((s, i) => (
          <li key={s.id} aria-current={s.id === step ? 'step' : undefined} className={i === at ? 'font-semibold' : i < at ? 'text-muted-foreground' : 'text-muted-foreground/70'}>
            {i + 1}. {s.label}
          </li>
        ))}
      </ol>
      {error && <Alert variant="destructive">{error}</Alert>}

      {step === 'review' && (
        <Card>
          <CardHeader>
            <CardTitle>Review</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
              <dt className="text-muted-foreground">Plan</dt>
              <dd>{p.plan.name}</dd>
              <dt className="text-muted-foreground">Price</dt>
              <dd>
                {p.plan.price} per {p.plan.cycle === 'yearly' ? 'year' : 'month'}
              </dd>
              <dt className="text-muted-foreground">Billing</dt>
              <dd>{p.plan.cycle === 'yearly' ? 'Yearly, on the anniversary of the start date' : 'Monthly, on the start day of each month'}</dd>
              <dt className="text-muted-foreground">Starts</dt>
              <dd>{p.switchStartsOn ? `${p.switchStartsOn}, when your ${p.switchingFrom} period ends` : `${p.today}, once you sign`}</dd>
            </dl>
            <div>
              <h2 className="mb-1 font-medium">Terms</h2>
              <p className="text-muted-foreground">
                {p.tenantName} provides {p.plan.name} for the price above until you cancel. You may cancel at any time: at the end of the period (you keep access until then) or at once. Unpaid
                invoices may suspend the subscription.
                {p.switchingFrom &&
                  (p.switchStartsOn
                    ? ` Your ${p.switchingFrom} subscription runs to the end of its period and ends then; ${p.plan.name} starts the same moment.`
                    : ` Signing ends your ${p.switchingFrom} subscription now; its unused whole days are credited on your first ${p.plan.name} invoice.`)}
              </p>
            </div>
            <div className="flex gap-2">
              <Button onClick={start} disabled={busy}>
                {busy && <Loader2 aria-hidden className="size-4 animate-spin" />}
                Continue to sign
              </Button>
              <Button asChild variant="outline">
                <Link href={`/t/${p.slug}/account/plans`}>Back to plans</Link>
              </Button>
            </div>
          </CardContent>
        </Card>
      )}

      {step === 'sign' && (
        <Card>
          <CardHeader>
            <CardTitle>Sign</CardTitle>
          </CardHeader>
          <CardContent>
            <form
              className="flex flex-col gap-4"
              noValidate
              aria-label={`Sign ${p.plan.name}`}
              onSubmit={(e) => {
                e.preventDefault();
                void sign();
              }}
            >
              <Field id="signedName" label="Your full name" hint="As on your verified identity document." error={fieldErrors.signedName}>
                <Input id="signedName" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} {...describedBy('signedName', fieldErrors.signedName, 'hint')} />
              </Field>
              <div className="flex items-start gap-2 text-sm">
                <input id="consent" type="checkbox" className="mt-1 size-4" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
                <label htmlFor="consent">
                  I agree to the terms and to pay {p.plan.price} per {p.plan.cycle === 'yearly' ? 'year' : 'month'} until I cancel.
                </label>
              </div>
              <Field
                id="code"
                label="Confirmation code"
                hint={`The 6 digits we mailed to ${p.email}; valid ${CODE_MINUTES} minutes, ${CODE_TRIES} tries${p.code ? ` (${p.code.triesLeft} left)` : ''}.`}
                error={fieldErrors.code}
              >
                <Input
                  id="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  className="max-w-40 font-mono tracking-widest"
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                  {...describedBy('code', fieldErrors.code, 'hint')}
                />
              </Field>
              <div className="flex flex-wrap gap-2">
                <Button type="submit" disabled={!ready || busy}>
                  {busy && <Loader2 aria-hidden className="size-4 animate-spin" />}
                  Sign
                </Button>
                <Button type="button" variant="outline" onClick={resend}>
                  Send a new code
                </Button>
              </div>
            </form>
          </CardContent>
        </Card>
      )}

      {step === 'done' && (
        <Alert variant={awaiting || scheduled ? 'info' : 'default'} className="flex flex-col gap-2" data-testid="checkout-result">
          <strong>
            {awaiting
              ? `Signed. ${p.tenantName} approves new subscriptions by hand: we will tell you when ${p.plan.name} starts.`
              : scheduled
                ? `Signed. ${p.plan.name} starts on ${p.switchStartsOn ?? 'your current period end'}, when your current period ends.`
                : `You are subscribed to ${p.plan.name}.`}
          </strong>
          <span>
            <Link className="underline underline-offset-4" href={`/t/${p.slug}/account/plans`}>
              Back to plans
            </Link>
          </span>
        </Alert>
      )}
    </div>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { formatPrice } from '@/lib/config/subscriptions';
import { payMyInvoiceAction } from '../actions';

const spaced = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/**
 * Pay the balance by card. The card goes to the payment provider and is never stored (only its
 * last four digits, on the payment). A decline says so and pays nothing; try another card.
 */
export function PayForm({ slug, invoice, testCards }: { slug: string; invoice: { id: string; number: string; balanceMinor: number; currency: string }; testCards: { succeeds: string; declined: string } | null }) {
  const router = useRouter();
  const ids = { card: useId(), expiry: useId(), cvc: useId() };
  const [card, setCard] = useState({ cardNumber: '', expiry: '', cvc: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const amount = formatPrice(invoice.balanceMinor, invoice.currency, 'en');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const result = await payMyInvoiceAction(slug, { id: invoice.id, key, ...card });
      if (!result.ok) {
        setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0] ?? ''])));
        setError(result.error.message);
        // A declined attempt is done: the next try is a new payment.
        if (result.error.code === 'PAYMENT_DECLINED') setKey(crypto.randomUUID());
        return;
      }
      toast.success(`Paid ${amount}. Thank you.`);
      router.refresh();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Pay {amount}</CardTitle>
        <CardDescription>
          By card.{' '}
          {testCards && (
            <>
              Test cards: <code>{spaced(testCards.succeeds)}</code> is accepted, <code>{spaced(testCards.declined)}</code> is declined; any future expiry and CVC.
            </>
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4" aria-label={`Pay invoice ${invoice.number}`}>
          {error && <Alert variant="destructive">{error}</Alert>}
          <Field id={ids.card} label="Card number" error={errors.cardNumber}>
            <Input id={ids.card} inputMode="numeric" autoComplete="cc-number" value={card.cardNumber} onChange={(e) => setCard({ ...card, cardNumber: e.target.value })} {...describedBy(ids.card, errors.cardNumber)} />
          </Field>
          <div className="flex gap-4">
            <Field id={ids.expiry} label="Expiry (MM/YY)" error={errors.expiry}>
              <Input id={ids.expiry} autoComplete="cc-exp" className="w-28" value={card.expiry} onChange={(e) => setCard({ ...card, expiry: e.target.value })} {...describedBy(ids.expiry, errors.expiry)} />
            </Field>
            <Field id={ids.cvc} label="CVC" error={errors.cvc}>
              <Input id={ids.cvc} inputMode="numeric" autoComplete="cc-csc" className="w-20" value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} {...describedBy(ids.cvc, errors.cvc)} />
            </Field>
          </div>
          <div>
            <Button type="submit" disabled={busy}>
              Pay {amount}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

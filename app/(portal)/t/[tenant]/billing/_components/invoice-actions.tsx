'use client';

import { useId, useState } from 'react';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { invoiceAllows, paymentMethodLabels, paymentMethods, type InvoiceStatus, type PaymentMethod } from '@/lib/config/billing';
import { parseMajor, toMajor } from '@/lib/config/money';
import { formatPrice } from '@/lib/config/subscriptions';
import { markUncollectibleAction, recordPaymentAction, voidInvoiceAction } from '../actions';

type Invoice = { id: string; number: string; status: InvoiceStatus; balanceMinor: number; amountPaidMinor: number; currency: string };

/**
 * What billing staff may do with an invoice now: record a payment (partial ones too, never more
 * than the balance), void one without payments (a reason is required), mark it uncollectible.
 * Through a link the confirmation names the tenant.
 */
export function InvoiceActions({ slug, invoice: i, tenantName, viaLink }: { slug: string; invoice: Invoice; tenantName: string; viaLink: boolean }) {
  const { pending, error, run, dialog } = useActionRunner();
  const ids = { amount: useId(), method: useId(), reference: useId(), date: useId(), reason: useId() };
  const [amount, setAmount] = useState(toMajor(i.balanceMinor, i.currency));
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reference, setReference] = useState('');
  const [paidOn, setPaidOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const where = viaLink ? ` in ${tenantName}` : '';
  const minor = parseMajor(amount, i.currency);
  const amountError = minor === null ? 'An amount like 29.99.' : minor <= 0 ? 'More than zero.' : minor > i.balanceMinor ? `At most ${formatPrice(i.balanceMinor, i.currency, 'en')}, the balance.` : null;
  const canPay = invoiceAllows('pay', i.status);
  const canVoid = invoiceAllows('void', i.status) && i.amountPaidMinor === 0;
  const canWriteOff = invoiceAllows('mark_uncollectible', i.status);
  if (!canPay && !canVoid && !canWriteOff) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Change</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {canPay && (
          <form
            aria-label="Record a payment"
            className="flex flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (amountError || minor === null) return;
              run(() => recordPaymentAction(slug, { id: i.id, key, amountMinor: minor, currency: i.currency as never, method, reference: reference.trim() || undefined, paidOn }), {
                confirm: { title: `Record ${formatPrice(minor, i.currency, 'en')} on ${i.number}${where}?`, description: `${paymentMethodLabels[method]}${reference ? `, reference ${reference}` : ''}, paid on ${paidOn}.`, action: 'Record payment' },
                success: 'Payment recorded.',
                onSuccess: () => setKey(crypto.randomUUID()),
              });
            }}
          >
            <h3 className="font-medium">Record a payment</h3>
            <div className="flex flex-wrap gap-3">
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={ids.amount}>Amount ({i.currency})</Label>
                <Input id={ids.amount} inputMode="decimal" className="w-32" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={amountError ? true : undefined} aria-describedby={`${ids.amount}-error`} />
                <span id={`${ids.amount}-error`} className="text-xs text-destructive">
                  {amountError}
                </span>
              </div>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={ids.method}>Method</Label>
                <NativeSelect id={ids.method} value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
                  {paymentMethods.map((m) => (
                    <option key={m} value={m}>
                      {paymentMethodLabels[m]}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={ids.reference}>Reference</Label>
                <Input id={ids.reference} className="w-48" maxLength={200} value={reference} onChange={(e) => setReference(e.target.value)} />
              </div>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={ids.date}>Paid on</Label>
                <Input id={ids.date} type="date" className="w-40" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
              </div>
            </div>
            <div>
              <Button type="submit" disabled={pending || amountError !== null}>
                Record payment
              </Button>
            </div>
          </form>
        )}
        {(canVoid || canWriteOff) && (
          <div className="flex flex-col gap-3">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={ids.reason}>Reason (required to void)</Label>
              <Input id={ids.reason} className="max-w-md" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <div className="flex flex-wrap gap-2">
              {canVoid && (
                <Button
                  variant="destructive"
                  disabled={pending || reason.trim().length < 3}
                  onClick={() =>
                    run(() => voidInvoiceAction(slug, { id: i.id, reason: reason.trim() }), {
                      confirm: { title: `Void ${i.number}${where}?`, description: 'It keeps its number and can no longer be paid.', action: 'Void invoice' },
                      success: 'Invoice voided.',
                    })
                  }
                >
                  Void
                </Button>
              )}
              {canWriteOff && (
                <Button
                  variant="outline"
                  disabled={pending}
                  onClick={() =>
                    run(() => markUncollectibleAction(slug, { id: i.id, reason: reason.trim() || undefined }), {
                      confirm: { title: `Mark ${i.number} uncollectible${where}?`, description: 'It stays payable, but no longer counts as outstanding.', action: 'Mark uncollectible' },
                      success: 'Marked uncollectible.',
                    })
                  }
                >
                  Mark uncollectible
                </Button>
              )}
            </div>
          </div>
        )}
        {error && <Alert variant="destructive">{error}</Alert>}
        {dialog}
      </CardContent>
    </Card>
  );
}

import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { paymentMethodLabels } from '@/lib/config/billing';
import { formatPrice } from '@/lib/config/subscriptions';
import type { InvoiceDetailDto, InvoiceDto } from '@/lib/validation/billing';

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

/** "Suspends in 3 days" and the like: the next dunning step of an open invoice, in words (BIL-4). */
export function dunningNotice(invoice: Pick<InvoiceDto, 'dunning' | 'status'>, now = Date.now()): string | null {
  const next = invoice.dunning.next;
  if (invoice.status !== 'open' || !next) return null;
  const days = Math.max(0, Math.ceil((Date.parse(next.at) - now) / 86_400_000));
  const inDays = days === 0 ? 'today' : `in ${days} ${days === 1 ? 'day' : 'days'}`;
  switch (next.step) {
    case 'reminder':
      return null;
    case 'warning':
      return `Plan changes are blocked ${inDays} unless it is paid`;
    case 'suspend':
      return `Suspends ${inDays}`;
    case 'cancel':
      return `The subscription ends ${inDays}`;
  }
}

/** An invoice as staff and its customer read it: amounts, lines, payments and history. */
export function InvoiceView({ invoice: i, locale, showHistory = true }: { invoice: InvoiceDetailDto; locale: string; showHistory?: boolean }) {
  const money = (minor: number) => formatPrice(minor, i.currency, locale);
  const notice = dunningNotice(i);
  return (
    <>
      <div>
        <h1 className="mb-1 flex flex-wrap items-center gap-2 text-2xl font-semibold">
          Invoice {i.number} <StatusBadge value={i.overdue ? 'overdue' : i.status} />
        </h1>
        <p className="text-sm text-muted-foreground">
          {i.customer.name} · {i.planName ?? 'Plan'}, {day(i.periodStart)} to {day(i.periodEnd)}
        </p>
        {notice && (
          <p className="mt-2 inline-block rounded-md bg-destructive/10 px-2 py-1 text-sm font-medium text-destructive" data-testid="dunning-notice">
            {i.daysOverdue} {i.daysOverdue === 1 ? 'day' : 'days'} overdue. {notice}.
          </p>
        )}
      </div>
      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Issued</dt>
            <dd>{when(i.issuedAt)}</dd>
            <dt className="text-muted-foreground">Due</dt>
            <dd>{when(i.dueAt)}</dd>
            <dt className="text-muted-foreground">Subtotal</dt>
            <dd className="tabular-nums">{money(i.subtotalMinor)}</dd>
            <dt className="text-muted-foreground">Tax</dt>
            <dd className="tabular-nums">{money(i.taxMinor)}</dd>
            <dt className="text-muted-foreground">Total</dt>
            <dd className="font-medium tabular-nums">{money(i.totalMinor)}</dd>
            <dt className="text-muted-foreground">Paid</dt>
            <dd className="tabular-nums">{money(i.amountPaidMinor)}</dd>
            <dt className="text-muted-foreground">Balance</dt>
            <dd className="font-medium tabular-nums" data-testid="invoice-balance">
              {money(i.balanceMinor)}
            </dd>
            {i.voidedAt && (
              <>
                <dt className="text-muted-foreground">Voided</dt>
                <dd>
                  {when(i.voidedAt)}: {i.voidReason}
                </dd>
              </>
            )}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Lines</CardTitle>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Description</TableHead>
                <TableHead className="text-right">Quantity</TableHead>
                <TableHead className="text-right">Unit price</TableHead>
                <TableHead className="text-right">Tax</TableHead>
                <TableHead className="text-right">Amount</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {i.lines.map((l) => (
                <TableRow key={l.id}>
                  <TableCell>{l.description}</TableCell>
                  <TableCell className="text-right tabular-nums">{l.quantity}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(l.unitMinor)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {money(l.taxMinor)} ({(l.taxRateBps / 100).toLocaleString(locale)} %, {l.taxBehavior})
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(l.amountMinor)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Payments</CardTitle>
        </CardHeader>
        <CardContent>
          {i.payments.length === 0 ? (
            <p className="text-sm text-muted-foreground">No payments yet.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Date</TableHead>
                  <TableHead>Method</TableHead>
                  <TableHead>Reference</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">Amount</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {i.payments.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell>{p.paidOn}</TableCell>
                    <TableCell>{paymentMethodLabels[p.method]}</TableCell>
                    <TableCell>
                      {p.reference ?? '—'}
                      {p.declineReason && <span className="block text-xs text-destructive">{p.declineReason}</span>}
                    </TableCell>
                    <TableCell>
                      <StatusBadge value={p.status} />
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{money(p.amountMinor)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {showHistory && (
        <Card>
          <CardHeader>
            <CardTitle>History</CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="flex flex-col gap-2 text-sm">
              {i.history.map((h) => (
                <li key={h.id}>
                  <span className="font-medium">{h.event.replace(/_/g, ' ')}</span>
                  {h.from && h.from !== h.to ? ` (${h.from} → ${h.to})` : ''}
                  {h.reason ? `: ${h.reason}` : ''} <span className="text-muted-foreground">— {h.actor}, {when(h.at)}</span>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
      )}
    </>
  );
}

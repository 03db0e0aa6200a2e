import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatPrice } from '@/lib/config/subscriptions';
import type { CurrencyTotals } from '@/lib/validation/billing';

/**
 * The summary cards: revenue (paid), outstanding, overdue (amount and count), one figure per
 * currency, never added across currencies (BIL-2).
 */
export function SummaryCards({ totals, locale, period }: { totals: CurrencyTotals[]; locale: string; period: string }) {
  if (totals.length === 0) return <p className="text-sm text-muted-foreground">No invoices in {period}.</p>;
  const figure = (pick: (t: CurrencyTotals) => number) => (
    <ul className="flex flex-col">
      {totals.map((t) => (
        <li key={t.currency} className="text-xl font-semibold tabular-nums">
          {formatPrice(pick(t), t.currency, locale)}
        </li>
      ))}
    </ul>
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Billing summary">
      <Card>
        <CardHeader>
          <CardDescription>Revenue (paid)</CardDescription>
          <CardTitle className="sr-only">Revenue</CardTitle>
        </CardHeader>
        <CardContent>{figure((t) => t.paidMinor)}</CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardDescription>Outstanding</CardDescription>
          <CardTitle className="sr-only">Outstanding</CardTitle>
        </CardHeader>
        <CardContent>{figure((t) => t.outstandingMinor)}</CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardDescription>Overdue</CardDescription>
          <CardTitle className="sr-only">Overdue</CardTitle>
        </CardHeader>
        <CardContent>
          {figure((t) => t.overdueMinor)}
          <p className="text-xs text-muted-foreground">{totals.reduce((n, t) => n + t.overdueCount, 0).toLocaleString(locale)} overdue invoices</p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardDescription>Invoices</CardDescription>
          <CardTitle className="sr-only">Invoices</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="text-xl font-semibold tabular-nums">{totals.reduce((n, t) => n + t.count, 0).toLocaleString(locale)}</p>
          <p className="text-xs text-muted-foreground">{period}</p>
        </CardContent>
      </Card>
    </div>
  );
}

/** The list's footer: total, paid and outstanding for the whole filter, per currency (BIL-3). */
export function TotalsFooter({ totals, locale }: { totals: CurrencyTotals[]; locale: string }) {
  if (totals.length === 0) return null;
  return (
    <div role="group" className="mt-2 flex flex-col gap-1 rounded-md border bg-muted/40 px-3 py-2 text-sm" aria-label="Totals for the whole filter">
      {totals.map((t) => (
        <dl key={t.currency} className="flex flex-wrap gap-x-6 gap-y-1" data-testid={`totals-${t.currency}`}>
          <div>
            <dt className="inline text-muted-foreground">{t.count.toLocaleString(locale)} invoices in {t.currency}, total </dt>
            <dd className="inline font-medium tabular-nums">{formatPrice(t.totalMinor, t.currency, locale)}</dd>
          </div>
          <div>
            <dt className="inline text-muted-foreground">paid </dt>
            <dd className="inline font-medium tabular-nums">{formatPrice(t.paidMinor, t.currency, locale)}</dd>
          </div>
          <div>
            <dt className="inline text-muted-foreground">outstanding </dt>
            <dd className="inline font-medium tabular-nums">{formatPrice(t.outstandingMinor, t.currency, locale)}</dd>
          </div>
        </dl>
      ))}
    </div>
  );
}

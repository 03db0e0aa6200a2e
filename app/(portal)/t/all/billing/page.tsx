import type { Metadata } from 'next';
import Link from 'next/link';
import { SummaryCards, TotalsFooter } from '@/components/billing/currency-totals';
import { InvoicesTable } from '@/components/billing/invoices-table';
import { ExportButton } from '@/components/exports/export-button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { exportDescription, invoiceListParams, periodWords } from '@/app/(portal)/t/[tenant]/billing/filters';
import { allTenantsPage, firstPageIfBadCursor } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { formatPrice } from '@/lib/config/subscriptions';
import { consolidatedInvoices, consolidatedSummary } from '@/lib/data/billing';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';

export const metadata: Metadata = { title: 'Billing' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Consolidated billing: every tenant the caller bills through a live link (and home): summary
 * cards per currency, a by-tenant table, and the invoice list with a Tenant column; each invoice
 * opens in its own tenant, under the acting banner.
 */
export default async function AllTenantsBillingPage({ searchParams }: Props) {
  const ctx = await allTenantsPage('billing');
  const raw = firstValues(await searchParams);
  const input = invoiceListParams(raw);
  const { cursor: _, limit: __, ...filters } = input;
  const period = { from_date: filters.from_date, to_date: filters.to_date };
  const summary = can(ctx, 'partner.billing.summary.read') ? await consolidatedSummary(ctx, period) : null;
  const tenant = summary?.tenants.find((t) => t.slug === raw.tenant);
  const page = can(ctx, 'partner.billing.invoices.read') ? await firstPageIfBadCursor((i) => consolidatedInvoices(ctx, { ...i, tenant_ids: tenant?.id }), input) : null;
  const locale = await requestLocale();
  const count = page?.totals.reduce((n, t) => n + t.count, 0) ?? 0;
  const tenants = page?.tenants ?? summary?.tenants ?? [];
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Billing</h1>
          <p className="text-sm text-muted-foreground">
            {tenants.length} {tenants.length === 1 ? 'tenant' : 'tenants'} you can bill: {tenants.map((t) => t.name).join(', ') || 'none'}. Tenants whose link has ended or does not grant billing are not included.
          </p>
        </div>
        {page && can(ctx, 'partner.billing.invoices.export') && (
          <ExportButton
            endpoint="/api/v1/partner/billing/invoices/export"
            body={{ ...filters, ...(tenant ? { tenant_ids: [tenant.id] } : {}) }}
            title="Export invoices across your tenants?"
            description={exportDescription(count, tenant ? `of ${tenant.name}` : `across ${tenants.length} tenants`, filters)}
          />
        )}
      </div>
      {summary && (
        <>
          <SummaryCards totals={summary.byCurrency} locale={locale} period={periodWords(period.from_date, period.to_date)} />
          <Card>
            <CardHeader>
              <CardTitle>By tenant</CardTitle>
            </CardHeader>
            <CardContent>
              <Table aria-label="Billing by tenant">
                <TableHeader>
                  <TableRow>
                    <TableHead>Tenant</TableHead>
                    <TableHead className="text-right">Revenue</TableHead>
                    <TableHead className="text-right">Outstanding</TableHead>
                    <TableHead className="text-right">Overdue</TableHead>
                    <TableHead className="text-right">Invoices</TableHead>
                    <TableHead>Last payment</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {summary.byTenant.map((r) => (
                    <TableRow key={`${r.tenant.id}-${r.currency}`}>
                      <TableCell>
                        <Link prefetch={false} className="underline-offset-4 hover:underline" href={`/t/${r.tenant.slug}/billing`}>
                          {r.tenant.name}
                        </Link>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{formatPrice(r.paidMinor, r.currency, locale)}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatPrice(r.outstandingMinor, r.currency, locale)}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatPrice(r.overdueMinor, r.currency, locale)} ({r.overdueCount})
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{r.count.toLocaleString(locale)}</TableCell>
                      <TableCell>{r.lastPayment ? `${r.lastPayment.paidOn}, ${formatPrice(r.lastPayment.amountMinor, r.lastPayment.currency, locale)}` : '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </>
      )}
      {page && (
        <section aria-label="Invoices">
          <InvoicesTable slug={null} owner={ctx.user.id} page={page} locale={locale} currency={page.totals.length === 1 ? page.totals[0]!.currency : 'USD'} tenants={tenants} />
          <TotalsFooter totals={page.totals} locale={locale} />
        </section>
      )}
    </div>
  );
}

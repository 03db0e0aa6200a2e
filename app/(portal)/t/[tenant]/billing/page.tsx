import type { Metadata } from 'next';
import { SummaryCards, TotalsFooter } from '@/components/billing/currency-totals';
import { InvoicesTable } from '@/components/billing/invoices-table';
import { ExportButton } from '@/components/exports/export-button';
import { firstPageIfBadCursor, tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { billingSummary, listInvoices } from '@/lib/data/billing';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { exportDescription, invoiceListParams, periodWords } from './filters';

export const metadata: Metadata = { title: 'Billing' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The tenant's billing: summary cards for the period, the invoice list with totals for the whole filter, export. */
export default async function BillingPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'billing' });
  const input = invoiceListParams(firstValues(await searchParams));
  const { cursor: _, limit: __, ...filters } = input;
  const period = { from_date: filters.from_date, to_date: filters.to_date };
  const [page, summary] = await Promise.all([
    firstPageIfBadCursor((i) => listInvoices(ctx, i), input),
    can(ctx, 'billing.summary.read') ? billingSummary(ctx, period) : Promise.resolve(null),
  ]);
  const locale = await requestLocale();
  const count = page.totals.reduce((n, t) => n + t.count, 0);
  const currency = page.totals.length === 1 ? page.totals[0]!.currency : (summary?.[0]?.currency ?? 'USD');
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Billing</h1>
        {can(ctx, 'billing.invoices.export') && (
          <ExportButton
            endpoint="/api/v1/invoices/export"
            body={filters}
            title={`Export invoices of ${ctx.activeTenant.name}?`}
            description={exportDescription(count, `of ${ctx.activeTenant.name}`, filters)}
          />
        )}
      </div>
      {summary && <SummaryCards totals={summary} locale={locale} period={periodWords(period.from_date, period.to_date)} />}
      <section aria-label="Invoices">
        <InvoicesTable slug={ctx.activeTenant.slug} owner={ctx.user.id} page={page} locale={locale} currency={currency} />
        <TotalsFooter totals={page.totals} locale={locale} />
      </section>
    </div>
  );
}

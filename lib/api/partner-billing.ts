import 'server-only';
import type { ConsolidatedSummary } from '@/lib/data/billing';
import type { InvoiceList } from '@/lib/data/billing';
import type { ExportDto } from '@/lib/validation/exports';

// The seed's response shapes (SEED-FACTS A4 contracts 3 and 4) for the partner billing API, built
// from the data layer's answers. Amounts are integer minor units with their currency.

export function summaryBody(s: ConsolidatedSummary, currency: string, period: { from: string; to: string }) {
  const mine = s.byCurrency.find((c) => c.currency === currency);
  const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) + 1;
  return {
    summary: {
      total_revenue: mine?.paidMinor ?? 0,
      total_outstanding: mine?.outstandingMinor ?? 0,
      total_overdue: mine?.overdueMinor ?? 0,
      invoice_count: mine?.count ?? 0,
      paid_invoice_count: mine?.paidCount ?? 0,
      overdue_invoice_count: mine?.overdueCount ?? 0,
      managed_tenant_count: s.tenants.length,
      currency,
    },
    by_currency: s.byCurrency.map((c) => ({
      currency: c.currency,
      total_revenue: c.paidMinor,
      total_outstanding: c.outstandingMinor,
      total_overdue: c.overdueMinor,
      invoice_count: c.count,
      paid_invoice_count: c.paidCount,
      overdue_invoice_count: c.overdueCount,
    })),
    by_tenant: s.byTenant
      .filter((r) => r.currency === currency)
      .map((r) => ({
        tenant_id: r.tenant.id,
        tenant_name: r.tenant.name,
        tenant_slug: r.tenant.slug,
        currency: r.currency,
        total_revenue: r.paidMinor,
        outstanding_balance: r.outstandingMinor,
        overdue_amount: r.overdueMinor,
        invoice_count: r.count,
        last_payment_date: r.lastPayment?.paidOn ?? null,
        last_payment_amount: r.lastPayment?.amountMinor ?? null,
        last_payment_currency: r.lastPayment?.currency ?? null,
      })),
    period: { from_date: period.from, to_date: period.to, days },
  };
}

export function invoicesBody(list: InvoiceList, limit: number) {
  return {
    items: list.items.map((i) => ({
      invoice_id: i.id,
      invoice_number: i.number,
      tenant_id: i.tenant!.id,
      tenant_name: i.tenant!.name,
      tenant_slug: i.tenant!.slug,
      customer_id: i.customer.id,
      customer_name: i.customer.name,
      invoice_date: i.issuedAt,
      due_date: i.dueAt,
      status: i.status,
      overdue: i.overdue,
      subtotal: i.subtotalMinor,
      tax: i.taxMinor,
      total: i.totalMinor,
      paid_amount: i.amountPaidMinor,
      balance: i.balanceMinor,
      currency: i.currency,
      payment_date: i.paidAt,
      days_overdue: i.daysOverdue,
      created_at: i.issuedAt,
    })),
    limit,
    has_more: list.nextCursor !== null,
    next_cursor: list.nextCursor,
    aggregates: list.totals.map((t) => ({ currency: t.currency, total_amount: t.totalMinor, paid_amount: t.paidMinor, outstanding_amount: t.outstandingMinor, invoice_count: t.count })),
  };
}

/** An export as the seed's contracts 5 and 6 show it (our statuses: queued, running, ready, failed, cancelled, expired). */
export function exportBody(e: ExportDto) {
  const remaining = e.totalRows && e.doneRows ? Math.max(0, e.totalRows - e.doneRows) : null;
  return {
    export_id: e.id,
    status: e.status,
    format: 'csv',
    scope: e.scope,
    row_count: e.status === 'ready' ? e.doneRows : null,
    total_rows: e.totalRows,
    processed_rows: e.doneRows,
    file_size_bytes: e.status === 'ready' ? e.sizeBytes : null,
    download_url: e.downloadUrl,
    // About 50,000 rows a second once running; a guess until the total is known.
    estimated_completion: e.status === 'queued' || e.status === 'running' ? new Date(Date.now() + (remaining === null ? 10_000 : Math.ceil(remaining / 50)) ).toISOString() : null,
    created_at: e.createdAt,
    completed_at: e.finishedAt,
    expires_at: e.expiresAt,
  };
}

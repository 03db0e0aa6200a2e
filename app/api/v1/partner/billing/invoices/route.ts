import { apiRoute } from '@/lib/api/route';
import { invoicesBody } from '@/lib/api/partner-billing';
import { consolidatedInvoices } from '@/lib/data/billing';
import { partnerInvoicesSchema } from '@/lib/validation/billing';

/**
 * The invoice list across every tenant the caller bills (the seed's contract 4): newest first,
 * cursor pages (`limit`, `next_cursor`), per-currency aggregates for the whole filter.
 */
export const GET = apiRoute({ permission: 'partner.billing.invoices.read', query: partnerInvoicesSchema }, async ({ ctx, query }) => {
  const list = await consolidatedInvoices(ctx, { ...query, tenant_ids: query.tenant_ids?.join(',') });
  return invoicesBody(list, query.limit);
});

import { apiRoute } from '@/lib/api/route';
import { summaryBody } from '@/lib/api/partner-billing';
import { consolidatedSummary } from '@/lib/data/billing';
import { partnerSummarySchema } from '@/lib/validation/billing';
import { z } from '@/lib/validation/zod';

const query = z.intersection(partnerSummarySchema, z.object({ currency: z.string().regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code.').default('USD') }));

/**
 * The consolidated billing summary (the seed's contract 3) over every tenant the caller bills:
 * the period defaults to the last 30 days; `summary` and `by_tenant` are in `currency` (default
 * USD), `by_currency` has every currency. A `tenant_ids` entry the caller cannot bill is 403
 * TENANT_ACCESS_DENIED naming it.
 */
export const GET = apiRoute({ permission: 'partner.billing.summary.read', query }, async ({ ctx, query: q }) => {
  const today = new Date().toISOString().slice(0, 10);
  const period = { from: q.from_date ?? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), to: q.to_date ?? today };
  const { currency, ...filters } = q;
  const summary = await consolidatedSummary(ctx, { ...filters, tenant_ids: filters.tenant_ids?.join(','), from_date: period.from, to_date: period.to });
  return summaryBody(summary, currency, period);
});

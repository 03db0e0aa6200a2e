import { apiRoute } from '@/lib/api/route';
import { billingSummary } from '@/lib/data/billing';
import { invoiceFiltersSchema } from '@/lib/validation/billing';

/** The active tenant's billing totals over the filter, one entry per currency. */
export const GET = apiRoute({ permission: 'billing.summary.read', query: invoiceFiltersSchema }, async ({ ctx, query }) => ({ byCurrency: await billingSummary(ctx, query) }));

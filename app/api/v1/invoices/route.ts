import { apiRoute } from '@/lib/api/route';
import { listInvoices } from '@/lib/data/billing';
import { listInvoicesSchema } from '@/lib/validation/billing';

/** The active tenant's invoices (newest first), filtered, with per-currency totals for the whole filter. */
export const GET = apiRoute({ permission: 'billing.invoices.read', query: listInvoicesSchema }, ({ ctx, query }) => listInvoices(ctx, query));

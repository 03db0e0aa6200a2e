import { apiRoute } from '@/lib/api/route';
import { listMyInvoices } from '@/lib/data/billing';
import { listInvoicesSchema } from '@/lib/validation/billing';

/** The caller's own invoices, newest first. */
export const GET = apiRoute({ permission: 'account.read', query: listInvoicesSchema }, ({ ctx, query }) => listMyInvoices(ctx, query));

import { apiRoute } from '@/lib/api/route';
import { getMyInvoice } from '@/lib/data/billing';
import { invoiceIdParamsSchema } from '@/lib/validation/billing';

/** One of the caller's own invoices; anyone else's is 404 INVOICE_NOT_FOUND. */
export const GET = apiRoute({ permission: 'account.read', params: invoiceIdParamsSchema }, ({ ctx, params }) => getMyInvoice(ctx, params));

import { apiRoute } from '@/lib/api/route';
import { getInvoice } from '@/lib/data/billing';
import { invoiceIdParamsSchema } from '@/lib/validation/billing';

/** One invoice with its lines, payments and history; another tenant's is 404 INVOICE_NOT_FOUND. */
export const GET = apiRoute({ permission: 'billing.invoices.read', params: invoiceIdParamsSchema }, ({ ctx, params }) => getInvoice(ctx, params));

import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { voidInvoice } from '@/lib/data/billing';
import { invoiceIdParamsSchema, voidInvoiceSchema } from '@/lib/validation/billing';

/** Voids an open invoice without payments (reason required); it keeps its number. */
export const POST = apiRoute({ permission: 'billing.invoices.write', params: invoiceIdParamsSchema, body: voidInvoiceSchema }, ({ ctx, params, body, req }) =>
  voidInvoice(ctx, { id: params.id, ...body }, idempotencyOf(req, body)),
);

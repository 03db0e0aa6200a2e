import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { payMyInvoice } from '@/lib/data/billing';
import { invoiceIdParamsSchema, payInvoiceSchema } from '@/lib/validation/billing';

/**
 * Pays the whole balance of one of the caller's open invoices by card (the payment provider).
 * A declined card is 402 PAYMENT_DECLINED and pays nothing. Honours Idempotency-Key.
 */
export const POST = apiRoute({ permission: 'subscriptions.self', params: invoiceIdParamsSchema, body: payInvoiceSchema }, ({ ctx, params, body, req }) =>
  payMyInvoice(ctx, { id: params.id, ...body }, idempotencyOf(req, { id: params.id })),
);

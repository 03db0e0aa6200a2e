import { NextResponse } from 'next/server';
import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { recordPayment } from '@/lib/data/billing';
import { invoiceIdParamsSchema, recordPaymentSchema } from '@/lib/validation/billing';

/** Records a payment (partial ones too) against an open invoice: 201 with the invoice. Honours Idempotency-Key. */
export const POST = apiRoute({ permission: 'billing.invoices.write', params: invoiceIdParamsSchema, body: recordPaymentSchema }, async ({ ctx, params, body, req }) =>
  NextResponse.json(await recordPayment(ctx, { id: params.id, ...body }, idempotencyOf(req, body)), { status: 201 }),
);

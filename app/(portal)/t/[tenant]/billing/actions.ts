'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { requestHash } from '@/lib/api/idempotency';
import { markUncollectible, recordPayment, voidInvoice } from '@/lib/data/billing';
import { idSchema } from '@/lib/validation/common';
import { recordPaymentSchema, uncollectibleSchema, voidInvoiceSchema } from '@/lib/validation/billing';

// Billing staff's changes to an invoice. A payment carries an idempotency key the dialog makes
// once, so a double submit records it once.

export const recordPaymentAction = tenantAction(
  { permission: 'billing.invoices.write', input: recordPaymentSchema.extend({ id: idSchema, key: z.uuid() }), revalidate: 'billing' },
  (ctx, { key, ...input }) => recordPayment(ctx, input, { key, requestHash: requestHash('record-payment', input) }),
);

export const voidInvoiceAction = tenantAction({ permission: 'billing.invoices.write', input: voidInvoiceSchema.extend({ id: idSchema }), revalidate: 'billing' }, (ctx, input) => voidInvoice(ctx, input));

export const markUncollectibleAction = tenantAction({ permission: 'billing.invoices.write', input: uncollectibleSchema.extend({ id: idSchema }), revalidate: 'billing' }, (ctx, input) => markUncollectible(ctx, input));

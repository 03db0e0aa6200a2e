'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { requestHash } from '@/lib/api/idempotency';
import { payMyInvoice } from '@/lib/data/billing';
import { idSchema } from '@/lib/validation/common';
import { payInvoiceSchema } from '@/lib/validation/billing';

/** The end user pays one of their open invoices by card; the form's key makes a double submit pay once. */
export const payMyInvoiceAction = tenantAction(
  { permission: 'subscriptions.self', input: payInvoiceSchema.extend({ id: idSchema, key: z.uuid() }), revalidate: 'account' },
  (ctx, { key, id, ...card }) => payMyInvoice(ctx, { id, ...card }, { key, requestHash: requestHash('pay-invoice', { id }) }),
);

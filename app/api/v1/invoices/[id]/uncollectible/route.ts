import { apiRoute } from '@/lib/api/route';
import { markUncollectible } from '@/lib/data/billing';
import { invoiceIdParamsSchema, uncollectibleSchema } from '@/lib/validation/billing';

/** Marks an open invoice uncollectible (it can still be paid or voided later). */
export const POST = apiRoute({ permission: 'billing.invoices.write', params: invoiceIdParamsSchema, body: uncollectibleSchema }, ({ ctx, params, body }) =>
  markUncollectible(ctx, { id: params.id, ...body }),
);

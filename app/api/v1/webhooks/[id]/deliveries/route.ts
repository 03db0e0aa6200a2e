import { apiRoute } from '@/lib/api/route';
import { listDeliveries } from '@/lib/data/webhooks';
import { deliveriesQuerySchema, webhookIdSchema } from '@/lib/validation/webhooks';

/** The endpoint's deliveries, newest first, each with its payload and attempts (status, time, first 2 KB of the answer). */
export const GET = apiRoute({ permission: 'webhooks.manage', params: webhookIdSchema, query: deliveriesQuerySchema }, ({ ctx, params, query }) => listDeliveries(ctx, { id: params.id, ...query }));

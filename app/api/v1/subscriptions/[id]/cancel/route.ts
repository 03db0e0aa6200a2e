import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { cancelSubscription } from '@/lib/data/subscriptions';
import { cancelSchema, subscriptionIdParamsSchema } from '@/lib/validation/plans';

/** Cancels now, or at period end (`at_period_end`, the default). */
export const POST = apiRoute({ permission: 'subscriptions.write', params: subscriptionIdParamsSchema, body: cancelSchema }, ({ ctx, params, body, req }) =>
  cancelSubscription(ctx, { id: params.id, ...body }, idempotencyOf(req, body)),
);

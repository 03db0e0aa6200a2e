import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { approveSubscription } from '@/lib/data/subscriptions';
import { subscriptionIdParamsSchema } from '@/lib/validation/plans';

/** Approves a confirmed signing (tenants that approve by hand). */
export const POST = apiRoute({ permission: 'subscriptions.write', params: subscriptionIdParamsSchema }, ({ ctx, params, req }) =>
  approveSubscription(ctx, { id: params.id }, idempotencyOf(req, null)),
);

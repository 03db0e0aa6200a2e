import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { suspendSubscription } from '@/lib/data/subscriptions';
import { subscriptionIdParamsSchema, suspendSchema } from '@/lib/validation/plans';

/** signed -> suspended: reason non_payment, policy_violation or admin, and a note. */
export const POST = apiRoute({ permission: 'subscriptions.write', params: subscriptionIdParamsSchema, body: suspendSchema }, ({ ctx, params, body, req }) =>
  suspendSubscription(ctx, { id: params.id, ...body }, idempotencyOf(req, body)),
);

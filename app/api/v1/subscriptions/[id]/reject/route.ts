import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { rejectSubscription } from '@/lib/data/subscriptions';
import { rejectSchema, subscriptionIdParamsSchema } from '@/lib/validation/plans';

/** Rejects a signing, with a reason. */
export const POST = apiRoute({ permission: 'subscriptions.write', params: subscriptionIdParamsSchema, body: rejectSchema }, ({ ctx, params, body, req }) =>
  rejectSubscription(ctx, { id: params.id, ...body }, idempotencyOf(req, body)),
);

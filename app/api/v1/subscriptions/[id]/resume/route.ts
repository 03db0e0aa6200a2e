import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { resumeSubscription } from '@/lib/data/subscriptions';
import { resumeSchema, subscriptionIdParamsSchema } from '@/lib/validation/plans';

/** suspended -> signed, with a note. */
export const POST = apiRoute({ permission: 'subscriptions.write', params: subscriptionIdParamsSchema, body: resumeSchema }, ({ ctx, params, body, req }) =>
  resumeSubscription(ctx, { id: params.id, ...body }, idempotencyOf(req, body)),
);

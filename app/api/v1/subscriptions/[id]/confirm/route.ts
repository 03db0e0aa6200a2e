import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { confirmSubscription } from '@/lib/data/subscriptions';
import { confirmSchema, subscriptionIdParamsSchema } from '@/lib/validation/plans';

/** Signs the caller's open signing: the mailed code, the typed legal name, consent. Signed, or waiting for approval. */
export const POST = apiRoute({ permission: 'subscriptions.self', params: subscriptionIdParamsSchema, body: confirmSchema }, ({ ctx, params, body, req }) =>
  confirmSubscription(ctx, { id: params.id, ...body }, idempotencyOf(req, body)),
);

import { apiRoute } from '@/lib/api/route';
import { resendCode } from '@/lib/data/subscriptions';
import { subscriptionIdParamsSchema } from '@/lib/validation/plans';

/** Sends a new confirmation code for the caller's open signing (at most one a minute). */
export const POST = apiRoute({ permission: 'subscriptions.self', params: subscriptionIdParamsSchema }, ({ ctx, params }) =>
  resendCode(ctx, { id: params.id }),
);

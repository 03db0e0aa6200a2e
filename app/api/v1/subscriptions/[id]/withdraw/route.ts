import { apiRoute } from '@/lib/api/route';
import { withdrawSigning } from '@/lib/data/subscriptions';
import { subscriptionIdParamsSchema } from '@/lib/validation/plans';

/** "Cancel request": the caller withdraws their open signing. */
export const POST = apiRoute({ permission: 'subscriptions.self', params: subscriptionIdParamsSchema }, ({ ctx, params }) =>
  withdrawSigning(ctx, { id: params.id }),
);

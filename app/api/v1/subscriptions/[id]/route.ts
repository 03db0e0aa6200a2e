import { apiRoute } from '@/lib/api/route';
import { getSubscription } from '@/lib/data/subscriptions';
import { subscriptionIdParamsSchema } from '@/lib/validation/plans';

/** One subscription with its history (from, to, event, who, when, why). */
export const GET = apiRoute({ permission: 'subscriptions.read', params: subscriptionIdParamsSchema }, ({ ctx, params }) => getSubscription(ctx, params));

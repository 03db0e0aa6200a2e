import { apiRoute } from '@/lib/api/route';
import { cancelMySubscription } from '@/lib/data/subscriptions';
import { cancelSchema } from '@/lib/validation/plans';

/** The caller cancels their plan: at period end (default; access stays until then) or now. */
export const POST = apiRoute({ permission: 'subscriptions.self', body: cancelSchema }, ({ ctx, body }) => cancelMySubscription(ctx, body));

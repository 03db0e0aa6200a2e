import { apiRoute } from '@/lib/api/route';
import { getMySubscription } from '@/lib/data/subscriptions';

/** The caller's `sub_status` (signed, unsigned, absent, suspended) and their subscription, if any. */
export const GET = apiRoute({ permission: 'account.read' }, ({ ctx }) => getMySubscription(ctx));

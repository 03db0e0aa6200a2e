import { apiRoute } from '@/lib/api/route';
import { keepMySubscription } from '@/lib/data/subscriptions';

/** "Keep subscription": undoes the caller's scheduled cancel. */
export const POST = apiRoute({ permission: 'subscriptions.self' }, ({ ctx }) => keepMySubscription(ctx));

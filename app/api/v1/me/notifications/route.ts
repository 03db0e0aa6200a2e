import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { listMyNotifications } from '@/lib/data/notifications';

const query = z.object({ limit: z.coerce.number().int('limit is a whole number.').min(1, 'limit is at least 1.').max(100, 'limit is at most 100.').default(20) });

/** The notification centre: the newest notices and the unread count. */
export const GET = apiRoute({ permission: 'account.read', query }, ({ ctx, query }) => listMyNotifications(ctx, query.limit));

import { apiRoute } from '@/lib/api/route';
import { markNotificationsRead } from '@/lib/data/account';
import { markNotificationsSchema } from '@/lib/validation/account';

/** Marks notices read: the ids given, or every unread one without `ids`. */
export const POST = apiRoute({ permission: 'account.read', body: markNotificationsSchema.default({}) }, ({ ctx, body }) => markNotificationsRead(ctx, body));

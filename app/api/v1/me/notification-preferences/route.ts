import { apiRoute } from '@/lib/api/route';
import { getMyNotificationPreferences, updateMyNotificationPreferences } from '@/lib/data/notifications';
import { notificationPreferencesSchema } from '@/lib/validation/account';

/** What the user is mailed at once, in the daily digest (and when), or not at all. */
export const GET = apiRoute({ permission: 'account.read' }, ({ ctx }) => getMyNotificationPreferences(ctx));

export const PUT = apiRoute({ permission: 'account.write', body: notificationPreferencesSchema }, ({ ctx, body }) => updateMyNotificationPreferences(ctx, body));

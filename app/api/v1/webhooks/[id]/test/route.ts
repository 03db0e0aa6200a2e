import { apiRoute } from '@/lib/api/route';
import { sendTestEvent } from '@/lib/data/webhooks';
import { webhookIdSchema } from '@/lib/validation/webhooks';

/** Sends a `webhook.test` event now: `{ request: { url, headers, body }, response: { status, body, durationMs } | null, error, delivered }`. */
export const POST = apiRoute({ permission: 'webhooks.manage', params: webhookIdSchema }, ({ ctx, params }) => sendTestEvent(ctx, params));

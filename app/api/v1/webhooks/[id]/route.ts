import { apiRoute } from '@/lib/api/route';
import { deleteWebhook, getWebhook, updateWebhook } from '@/lib/data/webhooks';
import { updateWebhookSchema, webhookIdSchema } from '@/lib/validation/webhooks';

export const GET = apiRoute({ permission: 'webhooks.manage', params: webhookIdSchema }, ({ ctx, params }) => getWebhook(ctx, params));

/** Any of url, description, eventTypes, includeManaged, enabled (turning it on clears its failure record). */
export const PATCH = apiRoute({ permission: 'webhooks.manage', params: webhookIdSchema, body: updateWebhookSchema.omit({ id: true }) }, ({ ctx, params, body }) => updateWebhook(ctx, { ...body, id: params.id }));

/** Deletes the endpoint with its deliveries and attempts. */
export const DELETE = apiRoute({ permission: 'webhooks.manage', params: webhookIdSchema }, ({ ctx, params }) => deleteWebhook(ctx, params));

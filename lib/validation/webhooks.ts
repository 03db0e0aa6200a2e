import { z } from './zod';
import { webhookEventTypes, type WebhookEventType } from '@/lib/config/webhooks';
import { idSchema } from './common';

const eventTypesSchema = z
  .array(z.enum(webhookEventTypes, { message: 'Not an event type this portal sends.' }))
  .min(1, 'Pick at least one event type.')
  .max(webhookEventTypes.length)
  .transform((t) => [...new Set(t)].sort());

export const createWebhookSchema = z.object({
  url: z.string().trim().min(1, 'Enter the URL to send to.').max(2000, 'A URL is at most 2,000 characters.'),
  description: z.string().trim().max(200, 'Use at most 200 characters.').default(''),
  eventTypes: eventTypesSchema,
  /** A partner's endpoint: also its managed tenants' events, as far as each live link allows. */
  includeManaged: z.boolean().default(false),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z.object({
  id: idSchema,
  url: createWebhookSchema.shape.url.optional(),
  description: z.string().trim().max(200, 'Use at most 200 characters.').optional(),
  eventTypes: eventTypesSchema.optional(),
  includeManaged: z.boolean().optional(),
  /** Turning an endpoint back on clears its failure record. */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

export const webhookIdSchema = z.object({ id: idSchema });
export const deliveryIdSchema = z.object({ id: idSchema, deliveryId: idSchema });
export const replaySchema = z.object({
  id: idSchema,
  /** Failed deliveries created at or after this time are sent again. */
  since: z.iso.datetime({ offset: true, message: 'since is a date and time (ISO 8601).' }),
});
export const deliveriesQuerySchema = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type WebhookEndpointDto = {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  includeManaged: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  /** Until when the previous secret still signs beside the current one (after a rotation). */
  previousSecretUntil: string | null;
  createdBy: string;
  createdAt: string;
  counts: { pending: number; delivered: number; failed: number };
};
export type WebhookAttemptDto = { attempt: number; startedAt: string; statusCode: number | null; durationMs: number; response: string | null; error: string | null };
export type WebhookDeliveryDto = {
  id: string;
  eventId: string;
  eventType: string;
  sourceTenant: { id: string; name: string | null };
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: unknown;
  attemptLog: WebhookAttemptDto[];
};
/** What "Send test event" shows: the request as sent and the answer (or why there was none). */
export type WebhookTestDto = {
  request: { url: string; headers: Record<string, string>; body: string };
  response: { status: number; body: string; durationMs: number } | null;
  error: string | null;
  delivered: boolean;
};

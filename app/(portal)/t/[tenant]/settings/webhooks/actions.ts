'use server';

import { tenantAction } from '@/lib/api/action';
import { createWebhook, deleteWebhook, replayFailed, resendDelivery, rotateWebhookSecret, sendTestEvent, updateWebhook } from '@/lib/data/webhooks';
import { createWebhookSchema, deliveryIdSchema, replaySchema, updateWebhookSchema, webhookIdSchema } from '@/lib/validation/webhooks';

const spec = { permission: 'webhooks.manage', revalidate: 'webhooks' } as const;

/** An endpoint of the caller's tenant; the answer carries its signing secret, shown once. */
export const createWebhookAction = tenantAction({ ...spec, input: createWebhookSchema }, createWebhook);
/** URL, description, event types, managed tenants, on or off. */
export const updateWebhookAction = tenantAction({ ...spec, input: updateWebhookSchema }, updateWebhook);
export const deleteWebhookAction = tenantAction({ ...spec, input: webhookIdSchema }, deleteWebhook);
/** A new secret (shown once); the old one signs beside it for 24 h. */
export const rotateWebhookSecretAction = tenantAction({ ...spec, input: webhookIdSchema }, rotateWebhookSecret);
/** "Send test event": the request and the answer, inline. */
export const sendTestEventAction = tenantAction({ ...spec, input: webhookIdSchema }, sendTestEvent);
export const resendDeliveryAction = tenantAction({ ...spec, input: deliveryIdSchema }, resendDelivery);
/** "Replay failed since <time>": a job; answers how many. */
export const replayFailedAction = tenantAction({ ...spec, input: replaySchema }, replayFailed);

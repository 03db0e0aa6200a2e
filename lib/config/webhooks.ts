import type { TenantPermission } from './permissions';

/**
 * Outgoing webhooks (lib/data/webhooks.ts, lib/webhooks/): the event types an endpoint can ask
 * for, and the delivery rules of the Standard Webhooks specification as this portal applies them.
 */
export const webhookEventTypes = [
  'ticket.created',
  'ticket.status_changed',
  'ticket.commented',
  'alert.raised',
  'alert.resolved',
  'link.requested',
  'link.approved',
  'link.rejected',
  'link.revoked',
  'user.created',
  'user.status_changed',
  'subscription.state_changed',
  'invoice.created',
  'invoice.paid',
  'tenant.status_changed',
  // The seed's names for a managed tenant's events, as a partner receives them.
  'partner.tenant.ticket_created',
  'partner.tenant.sla_breach',
  'partner.tenant.billing_threshold',
  'partner.tenant.status_changed',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
/** Sent only by "Send test event"; no endpoint subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';

export type SourceEvent = Exclude<WebhookEventType, `partner.${string}`>;

/**
 * A managed tenant's event reaches a partner's endpoint (one that includes managed tenants, or
 * asks for the seed's partner name) only through a live link that allows this permission (and,
 * for alerts, whose terms ask to be told); tenant.status_changed needs only the live link. Link
 * events (null) go to both parties as their own, never to a third.
 */
export const managedEventNeeds: Record<SourceEvent, TenantPermission | 'link' | null> = {
  'ticket.created': 'tickets.read',
  'ticket.status_changed': 'tickets.read',
  'ticket.commented': 'tickets.read',
  'alert.raised': 'alerts.read',
  'alert.resolved': 'alerts.read',
  'link.requested': null,
  'link.approved': null,
  'link.rejected': null,
  'link.revoked': null,
  'user.created': 'users.read',
  'user.status_changed': 'users.read',
  'subscription.state_changed': 'subscriptions.read',
  'invoice.created': 'billing.invoices.read',
  'invoice.paid': 'billing.invoices.read',
  'tenant.status_changed': 'link',
};

/** The seed's partner name of a managed tenant's event, when it has one. */
export function partnerAlias(type: SourceEvent, data: Record<string, unknown>): WebhookEventType | null {
  if (type === 'ticket.created') return 'partner.tenant.ticket_created';
  if (type === 'tenant.status_changed') return 'partner.tenant.status_changed';
  if (type === 'alert.raised' && data.alert_type === 'sla_breach') return 'partner.tenant.sla_breach';
  if (type === 'alert.raised' && data.alert_type === 'billing_threshold') return 'partner.tenant.billing_threshold';
  return null;
}

/**
 * Seconds before each attempt (the specification's example schedule): at once, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h, each with ±10% jitter; about 3.2 days in all.
 */
export const WEBHOOK_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_SCHEDULE_SECONDS.length;
export const WEBHOOK_TIMEOUT_MS = 15_000;
export const WEBHOOK_RESPONSE_CAP_BYTES = 256 * 1024;
/** What an attempt keeps of the response body. */
export const WEBHOOK_RESPONSE_KEPT_BYTES = 2048;
/** An endpoint failing without a success for this long is disabled (and its tenant's admins told). */
export const WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;
/** After a rotation the old secret signs beside the new one this long. */
export const WEBHOOK_ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
/** How long a sender holds a delivery it took (a sender killed mid-send leaves it to the next). */
export const WEBHOOK_LEASE_SECONDS = 60;
export const WEBHOOK_BATCH = 100;

/** Seconds until attempt n+1 (n attempts made), jittered ±10%; null after the last. */
export function nextAttemptDelaySeconds(attemptsMade: number, random = Math.random): number | null {
  const base = WEBHOOK_SCHEDULE_SECONDS[attemptsMade];
  if (base === undefined) return null;
  return base === 0 ? 0 : Math.round(base * (0.9 + 0.2 * random()));
}

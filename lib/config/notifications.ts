// What a user is told, and how (lib/data/notifications.ts). Every notice is in the portal's
// notification centre; its category's channel decides whether it is also mailed at once, summed
// up in the daily digest, or neither.

export const notificationCategories = ['account', 'alerts', 'tickets', 'links', 'billing', 'integrations'] as const;
export type NotificationCategory = (typeof notificationCategories)[number];

export const notificationChannels = ['immediate', 'digest', 'none'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const categoryLabels: Record<NotificationCategory, { label: string; hint: string }> = {
  account: { label: 'My account', hint: 'Your plan, invoices, identity checks and type changes.' },
  alerts: { label: 'Alerts', hint: 'SLA, uptime and billing alerts. Critical alerts are mailed at once unless this is off.' },
  tickets: { label: 'Tickets', hint: 'Tickets whose SLA is breached or at risk.' },
  links: { label: 'Partner links', hint: 'Link requests waiting for you, links ending within 14 days.' },
  billing: { label: 'Billing', hint: "Customers' overdue invoices." },
  integrations: { label: 'Integrations', hint: 'A webhook endpoint turned off after failing.' },
};

export const channelLabels: Record<NotificationChannel, string> = { immediate: 'Mail at once', digest: 'Daily digest', none: 'Portal only' };

/** What a user without saved preferences gets: their own account at once, the rest in the digest. */
export const defaultChannels: Record<NotificationCategory, NotificationChannel> = {
  account: 'immediate',
  alerts: 'digest',
  tickets: 'digest',
  links: 'digest',
  billing: 'digest',
  integrations: 'immediate',
};

export const DEFAULT_DIGEST_HOUR = 8;

/** A notice's category from its kind (`alert.raised`, `webhook.disabled`, `subscription.confirmed`…). */
export function categoryOf(kind: string): NotificationCategory {
  const head = kind.split('.')[0]!;
  if (head === 'alert') return 'alerts';
  if (head === 'ticket') return 'tickets';
  if (head === 'link') return 'links';
  if (head === 'webhook') return 'integrations';
  return 'account';
}

/** How far back the digest looks for new alerts and notices. */
export const DIGEST_WINDOW_HOURS = 24;
/** Links ending within this many days are in the digest. */
export const DIGEST_LINK_EXPIRY_DAYS = 14;

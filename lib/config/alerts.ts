import type { TicketPriority } from './enums';

// Alerts (DESIGN.md section 4, Reports/alerts; DOMAIN-NOTES 4): one table of alerts per tenant,
// deduplicated by key while open. A leaf module: db/, lib/ and client components import it.

export const alertTypes = ['sla_breach', 'uptime_breach', 'billing_threshold'] as const;
export type AlertType = (typeof alertTypes)[number];
export const alertSeverities = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];
/** `active -> acknowledged -> resolved`, and `active -> resolved`; resolved is final (the key then opens a new alert). */
export const alertStatuses = ['active', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export const alertTransitions: Record<AlertStatus, readonly AlertStatus[]> = {
  active: ['acknowledged', 'resolved'],
  acknowledged: ['resolved'],
  resolved: [],
};
export const canMoveAlert = (from: AlertStatus, to: AlertStatus) => alertTransitions[from].includes(to);

export const alertTypeLabels: Record<AlertType, string> = {
  sla_breach: 'SLA breach',
  uptime_breach: 'Uptime under target',
  billing_threshold: 'Billing threshold',
};

/** A ticket's breach is as severe as the ticket is urgent. */
export const breachSeverity: Record<TicketPriority, AlertSeverity> = { urgent: 'critical', high: 'critical', normal: 'warning', low: 'info' };

/** The window a link's uptime target is measured over (or since the link started, when shorter). */
export const UPTIME_WINDOW_DAYS = 30;

/** The two SLA metrics a ticket has a timer for. */
export const slaMetrics = ['first_response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];
export const slaMetricLabels: Record<SlaMetric, string> = { first_response: 'first response', resolution: 'resolution' };

/** Dedup keys: one open alert per ticket and metric, per link and month (uptime), per link, currency and month (billing). */
export const dedupKeys = {
  slaBreach: (ticketId: string, metric: SlaMetric) => `sla_breach:ticket:${ticketId}:${metric}`,
  uptime: (linkId: string, month: string) => `uptime_breach:link:${linkId}:${month}`,
  billing: (linkId: string, currency: string, month: string) => `billing_threshold:link:${linkId}:${currency}:${month}`,
};

/**
 * The "Create ticket" link: a new ticket in the alert's tenant, prefilled with its title and a way
 * back. Here, not beside the alerts table: the alert's own page (a server component) builds it too,
 * and a function exported from a client module cannot be called on the server.
 */
export function createTicketHref(a: { id: string; tenant: { slug: string }; title: string; message: string; severity: AlertSeverity; type: AlertType }): string {
  const q = new URLSearchParams({
    new_subject: a.title.slice(0, 200),
    new_description: `${a.message}\n\nFrom alert: /t/${a.tenant.slug}/alerts/${a.id}`,
    new_priority: a.severity === 'critical' ? 'urgent' : a.severity === 'warning' ? 'high' : 'normal',
    ...(a.type === 'uptime_breach' ? { new_category: 'network_outage' } : {}),
  });
  return `/t/${a.tenant.slug}/tickets?${q.toString()}#new-ticket`;
}

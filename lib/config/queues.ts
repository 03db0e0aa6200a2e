/** The job queues (pg-boss, schema `pgboss`). The owner creates them at bootstrap; the app only uses them. */
export const JOB_SCHEMA = 'pgboss';

export const queues = [
  // One sealing run at a time across every instance; a run seals every tenant's new events.
  { name: 'audit-seal', policy: 'singleton', cron: '* * * * *' },
  // Link requests nobody answered in 30 days are closed (status rejected, audited).
  { name: 'link-requests-expire', policy: 'singleton', cron: '17 * * * *' },
  // Rate-limit windows end within an hour; older counters are deleted.
  { name: 'rate-limits-prune', policy: 'singleton', cron: '*/10 * * * *' },
  // Identity documents: warnings 30 and 7 days before expiry, then expiry and the downgrade.
  { name: 'kyc-expiry', policy: 'singleton', cron: '5 2 * * *' },
  // Document files deleted a tenant-set number of days after the final decision.
  { name: 'kyc-retention', policy: 'singleton', cron: '35 2 * * *' },
  // Subscriptions suspended past the tenant's grace period end.
  { name: 'subscriptions-grace', policy: 'singleton', cron: '11 * * * *' },
  // Periods that are over: scheduled cancels and discontinued plans end, the rest renew.
  { name: 'subscriptions-periods', policy: 'singleton', cron: '*/5 * * * *' },
  // Billing run: every subscription period without an invoice gets one (safe to repeat).
  { name: 'billing-run', policy: 'singleton', cron: '7 * * * *' },
  // Dunning: reminders, warnings, suspension and cancel of unpaid invoices, once per step.
  { name: 'billing-dunning', policy: 'singleton', cron: '23 3 * * *' },
  // On demand: one export (the payload names it), built into chunks; a retry rebuilds it whole.
  { name: 'export-build', policy: 'standard', cron: null },
  // Files of expired, cancelled and failed exports are deleted.
  { name: 'exports-prune', policy: 'singleton', cron: '41 * * * *' },
  // Resolved tickets past the tenant's auto-close time (default 4 days) close.
  { name: 'tickets-auto-close', policy: 'singleton', cron: '13 * * * *' },
  // The breach scan: open tickets' SLA timers stored, alerts raised for breaches, uptime under a
  // link's target and balances over its billing threshold (safe to repeat: dedup keys).
  { name: 'alerts-scan', policy: 'singleton', cron: '* * * * *' },
  // The mail sender: the worker asks for a run every few seconds (QUICK_QUEUES); at most one waits
  // and one runs (stately), so mail is on its way seconds after its change commits.
  { name: 'mail-send', policy: 'stately', cron: '* * * * *' },
  // The webhook sender: like mail, asked for every few seconds; deliveries due (first attempts
  // and retries on the schedule) go out, each attempt recorded.
  { name: 'webhooks-deliver', policy: 'stately', cron: '* * * * *' },
  // On demand: "Replay failed since <time>" of one endpoint (tenant, endpoint and time in the payload).
  { name: 'webhooks-replay', policy: 'standard', cron: null },
  // The daily digest: every 15 minutes, users whose chosen hour it is in their time zone get
  // theirs (once per local date: digest_runs; a half-hour zone is served in its hour too).
  { name: 'notifications-digest', policy: 'singleton', cron: '*/15 * * * *' },
  // On demand (no schedule): a platform operator's export of one tenant, named in the payload.
  { name: 'tenant-export', policy: 'standard', cron: null },
] as const;

export type QueueName = (typeof queues)[number]['name'];

/**
 * Queues the worker asks to run every QUICK_SECONDS besides their cron (a minute is too slow for
 * a sign-up's mail). Each run first asks the database whether anything is due (one indexed read).
 */
export const QUICK_QUEUES: readonly QueueName[] = ['mail-send', 'webhooks-deliver'];
export const QUICK_SECONDS = 5;

/**
 * pg-boss's own queue for cron: each tick inserts a job here, and a worker of it sends the real
 * job. pg-boss creates it when an instance starts its scheduler and swallows the error when it
 * cannot, which the runtime role (no DDL) never can: the owner creates it at bootstrap.
 */
export const CRON_SEND_QUEUE = '__pgboss__send-it';

import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alertSeverity, alertStatus, alertType } from './enums';
import { partnerTenantLinks } from './links';
import { tenants } from './tenants';
import { tickets } from './tickets';

/**
 * Alerts about one tenant (lib/config/alerts.ts): a ticket's SLA breach, the tenant's uptime under
 * a link's target, its outstanding balance over a link's billing threshold. One open alert per
 * dedup key (the partial unique index): a repeat bumps `occurrences` and `last_seen_at`; after
 * resolve the key opens a new alert.
 */
export const alerts = pgTable(
  'alerts',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    type: alertType('type').notNull(),
    severity: alertSeverity('severity').notNull(),
    status: alertStatus('status').notNull().default('active'),
    dedupKey: text('dedup_key').notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** The ticket an SLA breach is about. */
    ticketId: uuid('ticket_id'),
    /** The link whose terms an uptime or billing alert measures against (and whose partner it concerns). */
    linkId: uuid('link_id').references(() => partnerTenantLinks.id),
    occurrences: integer('occurrences').notNull().default(1),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who works it: staff of the tenant, or partner staff (their home tenant in assignee_tenant_id). */
    assigneeId: uuid('assignee_id'),
    assigneeTenantId: uuid('assignee_tenant_id').references(() => tenants.id),
    assigneeLabel: text('assignee_label'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('alerts_open_dedup_key').on(t.tenantId, t.dedupKey).where(sql`${t.status} <> 'resolved'`),
    index('alerts_tenant_seen_idx').on(t.tenantId, t.lastSeenAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('alerts_tenant_active_idx').on(t.tenantId, t.type).where(sql`${t.status} = 'active'`),
    foreignKey({ name: 'alerts_ticket_fk', columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    check('alerts_occurrences', sql`${t.occurrences} >= 1`),
    check('alerts_assignee', sql`(${t.assigneeId} is null) = (${t.assigneeTenantId} is null)`),
    check('alerts_resolved', sql`(${t.status} = 'resolved') = (${t.resolvedAt} is not null)`),
  ],
);

/** An alert's history: triggered, acknowledged, assigned, resolved, with who and when. */
export const alertEvents = pgTable(
  'alert_events',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    alertId: uuid('alert_id').notNull(),
    action: text('action').notNull(),
    actorLabel: text('actor_label').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'alert_events_alert_fk', columns: [t.tenantId, t.alertId], foreignColumns: [alerts.tenantId, alerts.id] }).onDelete('cascade'),
    index('alert_events_alert_idx').on(t.tenantId, t.alertId, t.createdAt),
    check('alert_events_action', sql`${t.action} in ('triggered', 'acknowledged', 'assigned', 'unassigned', 'resolved')`),
  ],
);

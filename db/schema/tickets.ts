import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { slaTimerState, ticketPriority, ticketStatus } from './enums';
import { tenants } from './tenants';
import { users } from './users';

/** Support tickets, numbered TKT-YYYY-NNNNN per tenant and year. */
export const tickets = pgTable(
  'tickets',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    number: text('number').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    priority: ticketPriority('priority').notNull().default('normal'),
    category: text('category'),
    status: ticketStatus('status').notNull().default('open'),
    requesterId: uuid('requester_id').notNull(),
    /** Who works it: a staff user of this tenant, or partner staff acting through a link (their home tenant in assignee_tenant_id). */
    assigneeId: uuid('assignee_id'),
    assigneeTenantId: uuid('assignee_tenant_id').references(() => tenants.id),
    /** The assignee's name as shown ("Alice Anders via Acme Managed Services"): a partner's staff are not users of this tenant. */
    assigneeLabel: text('assignee_label'),
    /** Opened by a partner's staff through a link: the partner ("Created by Acme Managed Services"). */
    createdByPartnerId: uuid('created_by_partner_id').references(() => tenants.id),
    /** A reply to a closed ticket opens a follow-up that points back to it. */
    followUpOfId: uuid('follow_up_of_id'),
    /** A `network_outage` ticket's outage: start and end (end empty while ongoing). */
    outageStart: timestamp('outage_start', { withTimezone: true }),
    outageEnd: timestamp('outage_end', { withTimezone: true }),
    /** The first public reply by staff (the first-response SLA's end). */
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /**
     * The SLA timers as last computed (at each change of the ticket, and by the breach scan every
     * minute): each timer's state, the earliest due time of a running one (the seed's
     * sla_breach_at; null while paused or when both are fulfilled), and when it first breached.
     * Pages compute the timers afresh; these serve filters, the board and reports.
     */
    slaResponseState: slaTimerState('sla_response_state'),
    slaResolutionState: slaTimerState('sla_resolution_state'),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    slaBreachedAt: timestamp('sla_breached_at', { withTimezone: true }),
    /** When a running timer next changes state (turns at risk, or breaches): the scan looks again then. Null: nothing changes without an event. */
    slaCheckAt: timestamp('sla_check_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('tickets_tenant_number_key').on(t.tenantId, t.number),
    index('tickets_tenant_created_idx').on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    foreignKey({ name: 'tickets_requester_fk', columns: [t.tenantId, t.requesterId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ name: 'tickets_follow_up_fk', columns: [t.tenantId, t.followUpOfId], foreignColumns: [t.tenantId, t.id] }),
    index('tickets_tenant_requester_idx').on(t.tenantId, t.requesterId, t.createdAt),
    index('tickets_tenant_sla_due_idx').on(t.tenantId, t.slaDueAt).where(sql`${t.slaDueAt} is not null`),
    index('tickets_tenant_sla_check_idx').on(t.tenantId, t.slaCheckAt).where(sql`${t.slaCheckAt} is not null`),
    index('tickets_tenant_resolved_idx').on(t.tenantId, t.resolvedAt).where(sql`${t.status} = 'resolved'`),
    check('tickets_assignee', sql`(${t.assigneeId} is null) = (${t.assigneeTenantId} is null)`),
    check('tickets_outage', sql`${t.outageEnd} is null or (${t.outageStart} is not null and ${t.outageEnd} >= ${t.outageStart})`),
  ],
);

/**
 * A ticket's comments. `internal` ones are staff notes: they never reach the requester (not in
 * their pages, the API they use, mails, exports); the data functions for end users filter them.
 */
export const ticketComments = pgTable(
  'ticket_comments',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    ticketId: uuid('ticket_id').notNull(),
    /** The author (a user of this tenant, or partner staff: their home tenant in author_tenant_id). */
    authorId: uuid('author_id').notNull(),
    authorTenantId: uuid('author_tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Name, and "via <partner>" for partner staff, as shown in the thread. */
    authorLabel: text('author_label').notNull(),
    /** Whether the author is the requester side (an end user) rather than staff. */
    fromRequester: boolean('from_requester').notNull(),
    body: text('body').notNull(),
    internal: boolean('internal').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'ticket_comments_ticket_fk', columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }).onDelete('cascade'),
    index('ticket_comments_ticket_idx').on(t.tenantId, t.ticketId, t.createdAt),
    check('ticket_comments_requester_public', sql`not (${t.fromRequester} and ${t.internal})`),
  ],
);

/** The last number handed out per tenant and year; one conditional upsert numbers a ticket. */
export const ticketCounters = pgTable(
  'ticket_counters',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] }), check('ticket_counters_range', sql`${t.last} between 1 and 99999`)],
);

/** Every status a ticket has been in, and when: its history, and where its SLA clocks stood still. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    ticketId: uuid('ticket_id').notNull(),
    fromStatus: ticketStatus('from_status'),
    toStatus: ticketStatus('to_status').notNull(),
    actorLabel: text('actor_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'ticket_events_ticket_fk', columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }).onDelete('cascade'),
    index('ticket_events_ticket_idx').on(t.tenantId, t.ticketId, t.createdAt),
  ],
);

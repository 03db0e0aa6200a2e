import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ticketPriority, ticketStatus } from './enums';
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('tickets_tenant_number_key').on(t.tenantId, t.number),
    index('tickets_tenant_created_idx').on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    foreignKey({ name: 'tickets_requester_fk', columns: [t.tenantId, t.requesterId], foreignColumns: [users.tenantId, users.id] }),
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

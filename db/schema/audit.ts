import {
  bigint,
  foreignKey,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { auditOutcome } from './enums';
import { tenants } from './tenants';

// Append-only for the runtime role: it holds INSERT and SELECT, never UPDATE or DELETE.
export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    // One global identity: writers never wait on a per-tenant counter or chain head.
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorTenantId: uuid('actor_tenant_id'),
    // Who, as they were named when they acted: a partner's staff are not readable from the
    // managed tenant, and people rename themselves.
    actorLabel: text('actor_label'),
    via: text('via').notNull().default('home'),
    linkId: uuid('link_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    outcome: auditOutcome('outcome').notNull().default('success'),
    requestId: text('request_id'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index('audit_events_tenant_time_idx').on(t.tenantId, t.occurredAt.desc().nullsFirst(), t.seq.desc().nullsFirst()),
  ],
);

// A digest seals a batch of one tenant's events and chains to the previous digest's hash.
export const auditDigests = pgTable(
  'audit_digests',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    digestNo: integer('digest_no').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    eventCount: integer('event_count').notNull(),
    firstSeq: bigint('first_seq', { mode: 'number' }).notNull(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.digestNo] })],
);

// Which digest sealed which event, with the event's hash at sealing time. An event is sealed once.
export const auditDigestEvents = pgTable(
  'audit_digest_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
    digestNo: integer('digest_no').notNull(),
    eventHash: text('event_hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.eventSeq] }),
    index('audit_digest_events_digest_idx').on(t.tenantId, t.digestNo, t.eventSeq),
    foreignKey({
      name: 'audit_digest_events_digest_fk',
      columns: [t.tenantId, t.digestNo],
      foreignColumns: [auditDigests.tenantId, auditDigests.digestNo],
    }),
  ],
);

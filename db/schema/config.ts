import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { breachAction, featureStage, userType } from './enums';
import { tenants } from './tenants';
import { users } from './users';

/** The platform's global stage per catalogue key (reference table; absent = catalogue default). */
export const featureSettings = pgTable('feature_settings', {
  key: text('key').primaryKey(),
  stage: featureStage('stage').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Per tenant: early access (granted by the platform) and the tenant admin's toggle. */
export const tenantFeatures = pgTable(
  'tenant_features',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    earlyAccess: boolean('early_access').notNull().default(false),
    enabled: boolean('enabled'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/** A tenant's session and usage policy for one user type (guests are system-wide, never stored). */
export const tenantPolicies = pgTable(
  'tenant_policies',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userType: userType('user_type').notNull(),
    inactivityTimeoutMinutes: integer('inactivity_timeout_minutes'),
    opsPerDay: integer('ops_per_day'),
    opsPerWeek: integer('ops_per_week'),
    breachAction: breachAction('breach_action').notNull().default('warn'),
    maxConcurrentSessions: integer('max_concurrent_sessions'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userType] }),
    check('tenant_policies_not_guest', sql`${t.userType} <> 'guest'`),
    check('tenant_policies_timeout', sql`${t.inactivityTimeoutMinutes} is null or ${t.inactivityTimeoutMinutes} between 5 and 1440`),
    check('tenant_policies_ops', sql`(${t.opsPerDay} is null or ${t.opsPerDay} > 0) and (${t.opsPerWeek} is null or ${t.opsPerWeek} > 0)`),
    check('tenant_policies_sessions', sql`${t.maxConcurrentSessions} is null or ${t.maxConcurrentSessions} between 1 and 100`),
  ],
);

/** Operations by users whose type has quotas; rows older than 7 days are pruned. */
export const usageOperations = pgTable(
  'usage_operations',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    userId: uuid('user_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('usage_operations_user_at_idx').on(t.tenantId, t.userId, t.at),
    foreignKey({ name: 'usage_operations_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  ],
);

/** API limits per tenant, set by platform operators (a limit its subject could raise protects nothing). */
export const tenantRateLimits = pgTable(
  'tenant_rate_limits',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    listPerMinute: integer('list_per_minute').notNull(),
    detailPerMinute: integer('detail_per_minute').notNull(),
    writePerMinute: integer('write_per_minute').notNull(),
    exportPerHour: integer('export_per_hour').notNull(),
    linkPerMinute: integer('link_per_minute').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/**
 * Fixed-window counters shared by every app instance: one atomic upsert per request. Platform
 * state, not tenant data (keys hold ids only); windows older than two hours are pruned.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limit_counters_window_idx').on(t.windowStart)],
);

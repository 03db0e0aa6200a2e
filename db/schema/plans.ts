import { sql } from 'drizzle-orm';
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { PRICE_CAP_MINOR } from '../../lib/config/subscriptions';
import { billingCycle, subscriptionState, suspensionReason } from './enums';
import { tenants } from './tenants';
import { users } from './users';


/**
 * A tenant's subscription plan. Prices are integer minor units with an ISO 4217 code; which end
 * users may subscribe is `available_for` (basic, advanced, company only). The optional limits
 * override the user type's usage policy while the subscription is signed.
 */
export const plans = pgTable(
  'plans',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    features: text('features').array().notNull().default(sql`'{}'::text[]`),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    billingCycle: billingCycle('billing_cycle').notNull(),
    availableFor: text('available_for').array().notNull(),
    opsPerDay: integer('ops_per_day'),
    opsPerWeek: integer('ops_per_week'),
    inactivityTimeoutMinutes: integer('inactivity_timeout_minutes'),
    active: boolean('active').notNull().default(true),
    /** Set when the plan was discontinued: its subscriptions end at their period end (job). */
    discontinuedAt: timestamp('discontinued_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('plans_tenant_name_key').on(t.tenantId, sql`lower(${t.name})`),
    index('plans_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    check('plans_price', sql`${t.priceMinor} between 0 and ${sql.raw(String(PRICE_CAP_MINOR))}`),
    check('plans_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('plans_available_for', sql`cardinality(${t.availableFor}) > 0 and ${t.availableFor} <@ array['basic', 'advanced', 'company']::text[]`),
    check('plans_limits', sql`coalesce(${t.opsPerDay}, 1) > 0 and coalesce(${t.opsPerWeek}, 1) > 0 and coalesce(${t.inactivityTimeoutMinutes}, 1) > 0`),
  ],
);

/**
 * One user's subscription to one plan. At most one live (signing, signed, suspended) per user;
 * an ended one rests in `unsigned` as history. Price, currency and cycle are a snapshot taken
 * when it was signed; `next_price_minor` is a price change the admin applied from the next period.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    planId: uuid('plan_id').notNull(),
    state: subscriptionState('state').notNull().default('signing'),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    billingCycle: billingCycle('billing_cycle').notNull(),
    nextPriceMinor: bigint('next_price_minor', { mode: 'number' }),
    /** Set when the code was confirmed (a tenant that approves by hand keeps it `signing` until then). */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    signedName: text('signed_name'),
    /**
     * A confirmed switch that is not an upgrade waits, still `signing`, for the current plan's
     * period end: the period-end job starts it then (null: starts when signed).
     */
    startsAt: timestamp('starts_at', { withTimezone: true }),
    /** When the first period began: period n ends at anchor + (n + 1) cycles, clamped to the month's end. */
    anchorAt: timestamp('anchor_at', { withTimezone: true }),
    periodIndex: integer('period_index').notNull().default(0),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    cancelReason: text('cancel_reason'),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspensionReason: suspensionReason('suspension_reason'),
    suspensionNote: text('suspension_note'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'subscriptions_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    foreignKey({ name: 'subscriptions_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }),
    // One current plan per user (signed or suspended), and at most one signing beside it (a
    // switch, where the tenant allows one): a second subscribe is refused by the database itself.
    uniqueIndex('subscriptions_one_current').on(t.tenantId, t.userId).where(sql`${t.state} in ('signed', 'suspended')`),
    uniqueIndex('subscriptions_one_signing').on(t.tenantId, t.userId).where(sql`${t.state} = 'signing'`),
    // The workspace list, keyset on (created_at, id), with and without a state filter.
    index('subscriptions_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('subscriptions_tenant_state_created_idx').on(t.tenantId, t.state, t.createdAt, t.id),
    index('subscriptions_tenant_plan_idx').on(t.tenantId, t.planId, t.state),
    index('subscriptions_tenant_plan_created_idx').on(t.tenantId, t.planId, t.createdAt, t.id),
    index('subscriptions_user_idx').on(t.tenantId, t.userId, t.createdAt),
    check('subscriptions_suspension', sql`(${t.state} = 'suspended') = (${t.suspendedAt} is not null)`),
  ],
);

/** Every transition of a subscription: from, to, who, when, why. Append-only. */
export const subscriptionEvents = pgTable(
  'subscription_events',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    subscriptionId: uuid('subscription_id').notNull(),
    fromState: subscriptionState('from_state'),
    toState: subscriptionState('to_state').notNull(),
    /** What happened, as a key (`subscribed`, `confirmed`, `approved`, `cancelled`, `grace_expired`, ...). */
    event: text('event').notNull(),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
    /** Who, as people read it ("alice@acme.example (Acme Managed Services)", "system"). */
    actorLabel: text('actor_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'subscription_events_subscription_fk', columns: [t.tenantId, t.subscriptionId], foreignColumns: [subscriptions.tenantId, subscriptions.id] }).onDelete(
      'cascade',
    ),
    index('subscription_events_subscription_idx').on(t.tenantId, t.subscriptionId, t.createdAt),
  ],
);

/** The 6-digit code that confirms a signing: only its keyed hash, 15 minutes, 5 tries. */
export const subscriptionCodes = pgTable(
  'subscription_codes',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subscriptionId: uuid('subscription_id').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.subscriptionId] }),
    foreignKey({ name: 'subscription_codes_subscription_fk', columns: [t.tenantId, t.subscriptionId], foreignColumns: [subscriptions.tenantId, subscriptions.id] }).onDelete(
      'cascade',
    ),
  ],
);

/**
 * The first answer to a request sent with an `Idempotency-Key` (Stripe's rules): per user, kept
 * 24 hours, written in the transaction of the change it answers.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.tenantId, t.createdAt)],
);

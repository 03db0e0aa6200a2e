import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { subscriptions } from './plans';
import { tenants } from './tenants';
import { users } from './users';

/**
 * One invoice: one period of one subscription (a plan change's credit for the unused old plan
 * is a line on the new subscription's first invoice). Amounts are integer minor units in the invoice's one currency. A draft has no
 * number; finalizing gives it the tenant's next number for the year (number_series). Overdue is
 * derived (open, past due_at), never stored. The unique key on (subscription, period start) is what makes a billing run safe to repeat.
 */
export const invoices = pgTable(
  'invoices',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    subscriptionId: uuid('subscription_id').notNull(),
    userId: uuid('user_id').notNull(),
    number: text('number'),
    status: text('status').notNull().default('draft'),
    currency: text('currency').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    /** The invoice date: set when the draft is made, and again when it is finalized. */
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    subtotalMinor: bigint('subtotal_minor', { mode: 'number' }).notNull().default(0),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull().default(0),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull().default(0),
    amountPaidMinor: bigint('amount_paid_minor', { mode: 'number' }).notNull().default(0),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidReason: text('void_reason'),
    uncollectibleAt: timestamp('uncollectible_at', { withTimezone: true }),
    /** The last dunning step done (0 none, 1 reminder, 2 warning, 3 suspend, 4 cancel). */
    dunningStep: smallint('dunning_step').notNull().default(0),
    /** The last step whose "one day before" notice went out. */
    dunningNotice: smallint('dunning_notice').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'invoices_subscription_fk', columns: [t.tenantId, t.subscriptionId], foreignColumns: [subscriptions.tenantId, subscriptions.id] }),
    foreignKey({ name: 'invoices_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }),
    uniqueIndex('invoices_period_key').on(t.tenantId, t.subscriptionId, t.periodStart),
    uniqueIndex('invoices_number_key').on(t.tenantId, t.number),
    // The list (newest issued first), the dunning scan (open by due date) and a user's own. The
    // totals read a covering index, invoices_tenant_issued_totals_idx, made in the migration.
    index('invoices_tenant_issued_idx').on(t.tenantId, t.issuedAt, t.id),
    index('invoices_tenant_open_due_idx').on(t.tenantId, t.dueAt).where(sql`${t.status} = 'open'`),
    index('invoices_tenant_user_idx').on(t.tenantId, t.userId, t.issuedAt),
    check('invoices_status', sql`${t.status} in ('draft', 'open', 'paid', 'void', 'uncollectible')`),
    check('invoices_number', sql`(${t.status} = 'draft') = (${t.number} is null)`),
    check('invoices_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('invoices_amounts', sql`${t.totalMinor} >= 0 and ${t.amountPaidMinor} between 0 and ${t.totalMinor}`),
    check('invoices_period', sql`${t.periodEnd} > ${t.periodStart}`),
  ],
);

/**
 * The invoices' running totals per (tenant, invoice day in UTC, currency, status, due day), kept
 * by a trigger on invoices in the same transaction as every change (migration 0013), so the list's
 * whole-filter totals sum a few rows per day instead of every invoice. Drafts are not counted.
 * Overdue needs the due day: days before today come from here, today's from the invoices.
 */
export const invoiceDayTotals = pgTable(
  'invoice_day_totals',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day').notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
    /** The due day (UTC); the Unix epoch's first day for an invoice without a due date. */
    dueDay: date('due_day').notNull(),
    invoiceCount: integer('invoice_count').notNull().default(0),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull().default(0),
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.currency, t.status, t.dueDay] })],
);

/** An invoice's lines: a plan's charge, or a credit (negative) for the unused part of a period. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    invoiceId: uuid('invoice_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    planId: uuid('plan_id'),
    quantity: integer('quantity').notNull().default(1),
    unitMinor: bigint('unit_minor', { mode: 'number' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    taxRateBps: integer('tax_rate_bps').notNull(),
    taxBehavior: text('tax_behavior').notNull(),
    taxableMinor: bigint('taxable_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'invoice_lines_invoice_fk', columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }).onDelete('cascade'),
    uniqueIndex('invoice_lines_position_key').on(t.tenantId, t.invoiceId, t.position),
    check('invoice_lines_kind', sql`${t.kind} in ('charge', 'credit')`),
    check('invoice_lines_sign', sql`(${t.kind} = 'credit') = (${t.amountMinor} < 0)`),
  ],
);

/**
 * A payment against an invoice: recorded by billing staff (bank transfer, card, cash, other) or
 * made by the end user through a payment provider. A declined attempt is kept (status declined)
 * and moves no money.
 */
export const payments = pgTable(
  'payments',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    invoiceId: uuid('invoice_id').notNull(),
    status: text('status').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    method: text('method').notNull(),
    reference: text('reference'),
    provider: text('provider'),
    declineReason: text('decline_reason'),
    paidOn: date('paid_on').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'payments_invoice_fk', columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    index('payments_invoice_idx').on(t.tenantId, t.invoiceId, t.createdAt),
    index('payments_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('payments_status', sql`${t.status} in ('succeeded', 'declined')`),
    check('payments_method', sql`${t.method} in ('bank_transfer', 'card', 'cash', 'other')`),
    check('payments_amount', sql`${t.amountMinor} > 0`),
  ],
);

/** Every change of an invoice: what, from, to, who, when, why. Append-only. */
export const invoiceEvents = pgTable(
  'invoice_events',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    invoiceId: uuid('invoice_id').notNull(),
    event: text('event').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'invoice_events_invoice_fk', columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }).onDelete('cascade'),
    index('invoice_events_invoice_idx').on(t.tenantId, t.invoiceId, t.createdAt),
  ],
);

/**
 * Gapless numbers: one counter row per tenant, series and year, updated in the transaction that
 * uses the number (a sequence would leave gaps on rollback). Writers of one series queue on it.
 */
export const numberSeries = pgTable(
  'number_series',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.year] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * One export (every CSV export in the portal: invoices, users, audit): asked by a user, kept in
 * their home tenant, over the tenants in `tenant_ids` (each re-checked when the file is
 * downloaded). Built by the `export-build` job into export_chunks, so any instance serves it.
 * `attempt` fences a stale builder out when the job is retried. Expired is derived from
 * `expires_at`.
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    params: jsonb('params').notNull(),
    tenantIds: uuid('tenant_ids').array().notNull(),
    scope: text('scope').notNull(),
    fileName: text('file_name').notNull(),
    attempt: integer('attempt').notNull().default(0),
    totalRows: integer('total_rows'),
    doneRows: integer('done_rows').notNull().default(0),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'export_jobs_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    index('export_jobs_user_idx').on(t.tenantId, t.userId, t.createdAt),
    check('export_jobs_status', sql`${t.status} in ('queued', 'running', 'ready', 'failed', 'cancelled')`),
    check('export_jobs_kind', sql`${t.kind} in ('invoices', 'users', 'audit')`),
  ],
);

/** An export's file in chunks of about 1 MB, in order. */
export const exportChunks = pgTable(
  'export_chunks',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    exportId: uuid('export_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.exportId, t.seq] }),
    foreignKey({ name: 'export_chunks_export_fk', columns: [t.tenantId, t.exportId], foreignColumns: [exportJobs.tenantId, exportJobs.id] }).onDelete('cascade'),
  ],
);

import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { kycDocumentType, kycKind, kycStatus, userType } from './enums';
import { tenants } from './tenants';
import { users } from './users';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** A tenant's own rules for end users (absent row = the defaults below). Settings workspace. */
export const tenantSettings = pgTable(
  'tenant_settings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    selfSignup: boolean('self_signup').notNull().default(true),
    basicToAdvanced: text('basic_to_advanced').notNull().default('advanced_kyc'),
    advancedToCompany: text('advanced_to_company').notNull().default('business_verification'),
    kycRetentionDays: integer('kyc_retention_days').notNull().default(90),
    /** What an expired identity document does: back to guest, or one type down. */
    expiryDowngrade: text('expiry_downgrade').notNull().default('guest'),
    /** Subscriptions: choosing another plan while signed schedules a switch instead of refusing. */
    allowPlanSwitching: boolean('allow_plan_switching').notNull().default(false),
    /** Subscriptions: a confirmed signing waits for an admin's approval. */
    signingRequiresApproval: boolean('signing_requires_approval').notNull().default(false),
    /** Subscriptions: days a suspended subscription may wait to be resumed before it ends. */
    suspensionGraceDays: integer('suspension_grace_days').notNull().default(30),
    /** Billing: invoice numbers are `<prefix>-<year>-<6 digits>`. */
    invoicePrefix: text('invoice_prefix').notNull().default('INV'),
    /** Billing: tax in basis points, added on top (exclusive) or contained in prices (inclusive). */
    taxRateBps: integer('tax_rate_bps').notNull().default(0),
    taxBehavior: text('tax_behavior').notNull().default('exclusive'),
    /** Billing: days from finalizing to the due date. */
    paymentTermsDays: integer('payment_terms_days').notNull().default(14),
    /** Dunning: days after the due date for the warning, the suspension and the cancel. */
    dunningWarningDays: integer('dunning_warning_days').notNull().default(7),
    dunningSuspendDays: integer('dunning_suspend_days').notNull().default(14),
    dunningCancelDays: integer('dunning_cancel_days').notNull().default(30),
    /** Staff (type admin, which includes a partner's staff) must enrol a second factor. */
    mfaRequired: boolean('mfa_required').notNull().default(false),
    /** Resolved tickets close themselves after this many hours (1 hour to 28 days). */
    ticketAutoCloseHours: integer('ticket_auto_close_hours').notNull().default(96),
    /** Tickets: first-response and resolution targets per priority (null: lib/config/sla.ts defaults). */
    slaPolicy: jsonb('sla_policy'),
    /** Tickets: the business hours business-hour targets count in (null: Monday to Friday, 9 to 5 UTC). */
    businessCalendar: jsonb('business_calendar'),
    /** The tenant's ticket categories (network_outage is always one besides); null: the defaults of lib/config/tickets.ts. */
    ticketCategories: jsonb('ticket_categories').$type<string[]>(),
    /** The SLA policy in force (targets with the links' terms, and the calendar) the stored ticket timers were last computed with; the scan recomputes when it differs. */
    slaFingerprint: text('sla_fingerprint'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId] }),
    check('tenant_settings_b2a', sql`${t.basicToAdvanced} in ('automatic', 'advanced_kyc', 'admin_approval')`),
    check('tenant_settings_a2c', sql`${t.advancedToCompany} in ('business_verification', 'admin_approval')`),
    check('tenant_settings_expiry', sql`${t.expiryDowngrade} in ('guest', 'one_step')`),
    check('tenant_settings_retention', sql`${t.kycRetentionDays} between 1 and 3650`),
    check('tenant_settings_grace', sql`${t.suspensionGraceDays} between 1 and 365`),
    check('tenant_settings_invoice_prefix', sql`${t.invoicePrefix} ~ '^[A-Z0-9]{3,12}$'`),
    check('tenant_settings_tax', sql`${t.taxRateBps} between 0 and 10000 and ${t.taxBehavior} in ('exclusive', 'inclusive')`),
    check('tenant_settings_terms', sql`${t.paymentTermsDays} between 0 and 365`),
    check('tenant_settings_ticket_auto_close', sql`${t.ticketAutoCloseHours} between 1 and 672`),
    check('tenant_settings_dunning', sql`0 < ${t.dunningWarningDays} and ${t.dunningWarningDays} < ${t.dunningSuspendDays} and ${t.dunningSuspendDays} < ${t.dunningCancelDays} and ${t.dunningCancelDays} <= 365`),
  ],
);

/**
 * One KYC attempt. A user has at most one open attempt per kind (in progress, submitted or in
 * review); a resubmission request closes the attempt and the next one starts from its fields.
 */
export const kycSubmissions = pgTable(
  'kyc_submissions',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: kycKind('kind').notNull().default('identity'),
    status: kycStatus('status').notNull().default('in_progress'),
    attempt: integer('attempt').notNull().default(1),
    legalName: text('legal_name'),
    dateOfBirth: date('date_of_birth'),
    country: text('country'),
    address: text('address'),
    documentType: kycDocumentType('document_type'),
    documentExpiresOn: date('document_expires_on'),
    companyName: text('company_name'),
    registrationNumber: text('registration_number'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id'),
    assigneeLabel: text('assignee_label'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    decidedByLabel: text('decided_by_label'),
    decisionReason: text('decision_reason'),
    resubmissionReasons: text('resubmission_reasons').array(),
    /** Expiry warnings already sent (30, 7 days before), so a rerun of the job sends none again. */
    warnedDays: integer('warned_days').array().notNull().default(sql`'{}'::int[]`),
    filesPurgedAt: timestamp('files_purged_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'kyc_submissions_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    uniqueIndex('kyc_submissions_one_open').on(t.tenantId, t.userId, t.kind).where(sql`${t.status} in ('in_progress', 'submitted', 'in_review')`),
    // The reviewer queue, keyset on (submitted_at, id): one index for what waits, one for what
    // was decided (lib/data/kyc.ts names the statuses as these literals, so they match).
    index('kyc_submissions_waiting_idx').on(t.tenantId, t.submittedAt, t.id).where(sql`${t.status} in ('submitted', 'in_review')`),
    index('kyc_submissions_decided_idx')
      .on(t.tenantId, t.submittedAt, t.id)
      .where(sql`${t.status} in ('verified', 'resubmission_requested', 'rejected', 'expired', 'revoked')`),
    index('kyc_submissions_user_idx').on(t.tenantId, t.userId, t.createdAt.desc().nullsFirst()),
    check('kyc_submissions_attempt', sql`${t.attempt} >= 1`),
  ],
);

/** Uploaded documents, kept in PostgreSQL so any app instance serves them; `data` is null once purged. */
export const kycFiles = pgTable(
  'kyc_files',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    submissionId: uuid('submission_id').notNull(),
    slot: text('slot').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'kyc_files_submission_fk', columns: [t.tenantId, t.submissionId], foreignColumns: [kycSubmissions.tenantId, kycSubmissions.id] }).onDelete('cascade'),
    uniqueIndex('kyc_files_slot_key').on(t.tenantId, t.submissionId, t.slot),
    check('kyc_files_slot', sql`${t.slot} in ('front', 'back', 'selfie', 'proof', 'registration')`),
    check('kyc_files_type', sql`${t.contentType} in ('image/jpeg', 'image/png', 'application/pdf')`),
    check('kyc_files_size', sql`${t.sizeBytes} between 1 and 10485760`),
  ],
);

/** Every change of a user's type: from, to, why, who, when (the user page's timeline). */
export const userTypeHistory = pgTable(
  'user_type_history',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    fromType: userType('from_type').notNull(),
    toType: userType('to_type').notNull(),
    source: text('source').notNull(),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'user_type_history_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    index('user_type_history_user_idx').on(t.tenantId, t.userId, t.createdAt.desc().nullsFirst()),
    check('user_type_history_source', sql`${t.source} in ('kyc', 'upgrade', 'admin', 'expiry')`),
  ],
);

/** A user's request to move up a type; at most one pending per user. */
export const upgradeRequests = pgTable(
  'upgrade_requests',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    fromType: userType('from_type').notNull(),
    toType: userType('to_type').notNull(),
    policy: text('policy').notNull(),
    status: text('status').notNull().default('pending'),
    submissionId: uuid('submission_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'upgrade_requests_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    uniqueIndex('upgrade_requests_one_pending').on(t.tenantId, t.userId).where(sql`${t.status} = 'pending'`),
    index('upgrade_requests_queue_idx').on(t.tenantId, t.status, t.createdAt.desc().nullsFirst()),
    check('upgrade_requests_status', sql`${t.status} in ('pending', 'approved', 'rejected', 'cancelled')`),
  ],
);

/** In-app notices to one user (a decision, an expiry warning); shown on My account. */
export const notifications = pgTable(
  'notifications',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    href: text('href'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'notifications_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt.desc().nullsFirst()),
  ],
);

import { bigint, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { users } from './users';

/**
 * A user's TOTP factor (lib/data/mfa.ts). The row exists from the start of enrolment; the factor
 * counts once `enabled_at` is set (the user proved a code). `last_time_step` is the 30-second
 * step of the last accepted code: a code is never accepted twice.
 */
export const userMfa = pgTable(
  'user_mfa',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    /** Base32 TOTP secret: the server must compute codes from it, so it cannot be a hash. */
    secret: text('secret').notNull(),
    enabledAt: timestamp('enabled_at', { withTimezone: true }),
    lastTimeStep: bigint('last_time_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'user_mfa_user_fk' }).onDelete('cascade'),
  ],
);

/** Ten one-time recovery codes per enrolment; only a SHA-256 of each is kept. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'mfa_recovery_codes_user_fk' }).onDelete('cascade'),
    index('mfa_recovery_codes_user_idx').on(t.tenantId, t.userId),
  ],
);

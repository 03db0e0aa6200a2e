import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mailStatuses } from '../../lib/config/mail';
import { tenants } from './tenants';
import { users } from './users';

/** Outgoing mail, written in the same transaction as what caused it; a sender job delivers it. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    // An HTML part of its own (the digest); others get one rendered from `body` when sent.
    html: text('html'),
    // Extra headers (List-Unsubscribe, List-Unsubscribe-Post); never a secret beyond the mail's own link.
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    status: text('status', { enum: mailStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    // When the sender next takes it: now for a new mail, the retry time after a refusal, and a
    // lease while a sender holds it (a sender killed mid-send leaves it to be taken again).
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    // The server's answer to the last attempt that failed (code and text), or the connection error.
    lastError: text('last_error'),
    messageId: text('message_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('mail_outbox_tenant_created_idx').on(t.tenantId, t.createdAt.desc().nullsFirst()),
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    check('mail_outbox_status', sql`${t.status} in ('queued', 'sent', 'failed')`),
  ],
);

/**
 * One-time links sent by mail: setting a first password, confirming a sign-up's address,
 * confirming a new address (`new_email`), or unlocking an account that failed sign-in locked.
 * Only a hash of the token is stored.
 */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    purpose: text('purpose').notNull().default('set_password'),
    newEmail: text('new_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('password_tokens_hash_idx').on(t.tenantId, t.tokenHash),
    check('password_tokens_purpose', sql`${t.purpose} in ('set_password', 'verify_email', 'change_email', 'unlock')`),
    foreignKey({
      name: 'password_tokens_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
  ],
);

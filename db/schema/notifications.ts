import { sql } from 'drizzle-orm';
import { check, date, foreignKey, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { users } from './users';

/**
 * A user's notification preferences (lib/data/notifications.ts): per category, mail at once, in
 * the daily digest, or not at all (the in-app notice is always there); the digest's hour in the
 * user's time zone; and a one-click unsubscribe from the digest. No row: the defaults.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    channels: jsonb('channels').$type<Record<string, string>>().notNull().default({}),
    digestHour: smallint('digest_hour').notNull().default(8),
    timeZone: text('time_zone').notNull().default('UTC'),
    digestUnsubscribedAt: timestamp('digest_unsubscribed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'notification_preferences_user_fk' }).onDelete('cascade'),
    check('notification_preferences_hour', sql`${t.digestHour} between 0 and 23`),
  ],
);

/** One row per digest sent: at most one per user and local date (the primary key says so). */
export const digestRuns = pgTable(
  'digest_runs',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    localDate: date('local_date').notNull(),
    items: integer('items').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.localDate] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'digest_runs_user_fk' }).onDelete('cascade'),
  ],
);

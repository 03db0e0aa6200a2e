import { foreignKey, index, inet, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { users } from './users';

/**
 * API keys (lib/data/api-keys.ts): a named key acting as the user who made it, with a subset of
 * that user's own permissions (checked again on every call against what the user holds then).
 * The key is `pp_live_<id>_<secret>`, shown once; only a SHA-256 of the secret is kept.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    permissions: text('permissions').array().notNull(),
    userId: uuid('user_id').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    lastUsedIp: inet('last_used_ip'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByLabel: text('revoked_by_label'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // A key names its id, not its tenant: the lookup (portal_api_key_owner) finds it by id alone
    // (a random UUID; not a unique index, which would have to lead with tenant_id).
    index('api_keys_id_idx').on(t.id),
    index('api_keys_tenant_created_idx').on(t.tenantId, t.createdAt),
    foreignKey({ name: 'api_keys_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  ],
);

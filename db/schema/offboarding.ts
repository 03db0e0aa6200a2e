import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A platform operator's export of one tenant's data: a ZIP of one CSV per tenant table, built
 * by the `tenant-export` job in the tenant's own scope. The row belongs to the exported tenant
 * (so deleting the tenant's data deletes its exports too).
 */
export const tenantExports = pgTable(
  'tenant_exports',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    status: text('status').notNull().default('queued'),
    requestedBy: text('requested_by').notNull(),
    tables: integer('tables'),
    rows: integer('rows'),
    sizeBytes: integer('size_bytes'),
    data: bytea('data'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('tenant_exports_created_idx').on(t.tenantId, t.createdAt),
    check('tenant_exports_status', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
  ],
);

import { sql } from 'drizzle-orm';
import { boolean, check, date, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantStatus } from './enums';

// The registry: a reference table (no tenant_id, no RLS). The runtime role may only read it.
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    contactEmail: text('contact_email'),
    country: text('country'),
    isPlatform: boolean('is_platform').notNull().default(false),
    /**
     * The 4-digit provider code the documents' API calls `provider_id`: unique on the platform,
     * given by a trigger on insert (migration 0023; NOT NULL in the database).
     */
    providerCode: text('provider_code'),
    status: tenantStatus('status').notNull().default('active'),
    onboardedOn: date('onboarded_on').notNull().default(sql`current_date`),
    /** When the tenant was last stopped (its data may be deleted a set number of days later). */
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    /** When its data was deleted (offboarding): the row, its audit trail and digests stay. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tenants_slug_key').on(t.slug),
    uniqueIndex('tenants_provider_code_key').on(t.providerCode),
    check('tenants_slug_format', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'`),
  ],
);

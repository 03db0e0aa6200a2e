import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { linkAccessRole, linkStatus } from './enums';
import { tenants } from './tenants';

export type SlaConfig = {
  responseHours: Partial<Record<'low' | 'normal' | 'high' | 'urgent', number>>;
  resolutionHours: Partial<Record<'low' | 'normal' | 'high' | 'urgent', number>>;
  uptimeTarget: number | null;
};
export type AlertConfig = {
  notifyOnSlaBreach: boolean;
  notifyOnBillingThreshold: boolean;
  billingThresholdMinor: number | null;
};

/**
 * PartnerTenantLink: partner tenant -> managed tenant. It spans two tenants, so its row-level
 * policy admits either side (see the RLS migration); the window and "one live link" rules are
 * exclusion constraints there as well.
 */
export const partnerTenantLinks = pgTable(
  'partner_tenant_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerTenantId: uuid('partner_tenant_id')
      .notNull()
      .references(() => tenants.id),
    managedTenantId: uuid('managed_tenant_id')
      .notNull()
      .references(() => tenants.id),
    accessRole: linkAccessRole('access_role').notNull(),
    customPermissions: jsonb('custom_permissions').$type<Record<string, boolean>>().notNull().default({}),
    relationshipType: text('relationship_type').notNull().default('msp_managed'),
    slaConfig: jsonb('sla_config').$type<SlaConfig>().notNull().default({ responseHours: {}, resolutionHours: {}, uptimeTarget: null }),
    alertConfig: jsonb('alert_config')
      .$type<AlertConfig>()
      .notNull()
      .default({ notifyOnSlaBreach: true, notifyOnBillingThreshold: true, billingThresholdMinor: null }),
    status: linkStatus('status').notNull().default('requested'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    notes: text('notes'),
    requestedBy: uuid('requested_by'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('links_no_self_link', sql`${t.partnerTenantId} <> ${t.managedTenantId}`),
    check('links_ends_after_starts', sql`${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`),
    index('links_partner_status_idx').on(t.partnerTenantId, t.status),
    index('links_managed_status_idx').on(t.managedTenantId, t.status),
  ],
);

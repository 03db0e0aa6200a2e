/**
 * The one permission catalogue. Roles in the database hold strings from here and nothing else.
 * Tenant permissions act inside the active tenant; partner.* permissions are held at home and
 * decide what a partner's staff may do through a link; platform.* belong to platform operators.
 */
export const tenantPermissions = [
  'account.read',
  'account.write',
  'account.sessions.manage',
  'account.kyc',
  'users.read',
  'users.write',
  'users.kyc.review',
  'roles.read',
  'roles.write',
  'settings.read',
  'settings.write',
  'plans.read',
  'plans.write',
  'subscriptions.read',
  'subscriptions.write',
  'subscriptions.self',
  'billing.summary.read',
  'billing.invoices.read',
  'billing.invoices.write',
  'billing.invoices.export',
  'billing.payments.read',
  'tickets.read',
  'tickets.create',
  'tickets.update',
  'tickets.comment',
  'tickets.self',
  'reports.usage.read',
  'reports.sla.read',
  'reports.revenue.read',
  'reports.export',
  'alerts.read',
  'alerts.manage',
  'audit.read',
  'audit.export',
  'audit.verify',
  'links.read',
  'links.manage',
  'api_keys.manage',
  'webhooks.manage',
] as const;

// The seed's partner permission tree (design and code lists merged), plus billing writes and
// audit reads, which the capability matrix needs and the published list lacked.
export const partnerPermissions = [
  'partner.tenants.list',
  'partner.tenants.switch_context',
  'partner.billing.read',
  'partner.billing.summary.read',
  'partner.billing.invoices.read',
  'partner.billing.invoices.export',
  'partner.billing.payments.read',
  'partner.billing.write',
  'partner.support.tickets.list',
  'partner.support.tickets.read',
  'partner.support.tickets.create',
  'partner.support.tickets.update',
  'partner.support.tickets.comment',
  'partner.provisioning.subscribers.list',
  'partner.provisioning.subscribers.read',
  'partner.provisioning.subscribers.activate',
  'partner.provisioning.subscribers.suspend',
  'partner.provisioning.plans.assign',
  'partner.reports.usage.read',
  'partner.reports.sla.read',
  'partner.reports.revenue.read',
  'partner.reports.export',
  'partner.alerts.sla.read',
  'partner.alerts.billing.read',
  'partner.alerts.manage',
  'partner.audit.read',
] as const;

export const platformPermissions = [
  'platform.tenants.read',
  'platform.tenants.manage',
  'platform.links.manage',
  'platform.features.manage',
] as const;

export type TenantPermission = (typeof tenantPermissions)[number];
export type PartnerPermission = (typeof partnerPermissions)[number];
export type PlatformPermission = (typeof platformPermissions)[number];
export type Permission = TenantPermission | PartnerPermission | PlatformPermission;

export const allPermissions: readonly Permission[] = [
  ...tenantPermissions,
  ...partnerPermissions,
  ...platformPermissions,
];

const known = new Set<string>(allPermissions);
export const isPermission = (value: string): value is Permission => known.has(value);

/** "partner.billing.*" style patterns, expanded against the catalogue. */
export function expand(patterns: readonly string[]): Permission[] {
  const out = new Set<Permission>();
  for (const pattern of patterns) {
    if (pattern.endsWith('.*')) {
      const prefix = pattern.slice(0, -1);
      for (const p of allPermissions) if (p.startsWith(prefix)) out.add(p);
    } else if (isPermission(pattern)) {
      out.add(pattern);
    } else {
      throw new Error(`Unknown permission ${pattern}`);
    }
  }
  return [...out];
}

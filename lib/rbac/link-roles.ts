import type { LinkAccessRole } from '@/lib/config/enums';
import type { PartnerPermission, TenantPermission } from '@/lib/config/permissions';

const billingRead: TenantPermission[] = ['billing.summary.read', 'billing.invoices.read', 'billing.payments.read'];
const billingAll: TenantPermission[] = [...billingRead, 'billing.invoices.write', 'billing.invoices.export'];
const ticketsRead: TenantPermission[] = ['tickets.read'];
const ticketsAll: TenantPermission[] = [...ticketsRead, 'tickets.create', 'tickets.update', 'tickets.comment'];
const reportsRead: TenantPermission[] = ['reports.usage.read', 'reports.sla.read', 'reports.revenue.read'];
const provisioning: TenantPermission[] = [
  'users.read',
  'users.write',
  'plans.read',
  'subscriptions.read',
  'subscriptions.write',
];

/**
 * What each link access role lets a partner do in the managed tenant (the seed's matrix). KYC
 * review is not in it: identity documents are the tenant's own, never reachable through a link.
 */
export const linkRoleGrants: Record<LinkAccessRole, readonly TenantPermission[]> = {
  msp_full: [...provisioning, ...billingAll, ...ticketsAll, ...reportsRead, 'reports.export', 'alerts.read', 'alerts.manage', 'audit.read'],
  enterprise_hq: [
    ...provisioning,
    ...billingAll,
    ...ticketsAll,
    ...reportsRead,
    'reports.export',
    'alerts.read',
    'alerts.manage',
    'audit.read',
    'settings.read',
    'roles.read',
  ],
  msp_billing: [...billingAll, 'reports.revenue.read', 'reports.usage.read', 'reports.export', 'alerts.read', 'alerts.manage'],
  msp_support: [...ticketsAll, 'reports.usage.read', 'reports.sla.read', 'alerts.read', 'alerts.manage'],
  auditor: [...billingRead, ...ticketsRead, ...reportsRead, 'alerts.read', 'audit.read'],
  reseller: [...billingRead, ...ticketsRead, ...reportsRead, 'users.read', 'plans.read', 'subscriptions.read', 'subscriptions.write'],
  delegate: [],
};

/**
 * Which home-tenant partner permission lets a staff member use a tenant permission through a
 * link (any one suffices). A tenant permission missing here can never be used through a link.
 */
export const partnerCoverage: Partial<Record<TenantPermission, readonly PartnerPermission[]>> = {
  'users.read': ['partner.provisioning.subscribers.read', 'partner.provisioning.subscribers.list'],
  'users.write': ['partner.provisioning.subscribers.activate', 'partner.provisioning.subscribers.suspend'],
  'plans.read': ['partner.provisioning.plans.assign', 'partner.provisioning.subscribers.read'],
  'subscriptions.read': ['partner.provisioning.subscribers.read', 'partner.provisioning.subscribers.list'],
  'subscriptions.write': ['partner.provisioning.plans.assign', 'partner.provisioning.subscribers.suspend', 'partner.provisioning.subscribers.activate'],
  'billing.summary.read': ['partner.billing.summary.read', 'partner.billing.read'],
  'billing.invoices.read': ['partner.billing.invoices.read', 'partner.billing.read'],
  'billing.payments.read': ['partner.billing.payments.read', 'partner.billing.read'],
  'billing.invoices.write': ['partner.billing.write'],
  'billing.invoices.export': ['partner.billing.invoices.export'],
  'tickets.read': ['partner.support.tickets.read', 'partner.support.tickets.list'],
  'tickets.create': ['partner.support.tickets.create'],
  'tickets.update': ['partner.support.tickets.update'],
  'tickets.comment': ['partner.support.tickets.comment'],
  'reports.usage.read': ['partner.reports.usage.read'],
  'reports.sla.read': ['partner.reports.sla.read'],
  'reports.revenue.read': ['partner.reports.revenue.read'],
  'reports.export': ['partner.reports.export'],
  'alerts.read': ['partner.alerts.sla.read', 'partner.alerts.billing.read'],
  'alerts.manage': ['partner.alerts.manage'],
  'audit.read': ['partner.audit.read'],
  'settings.read': ['partner.provisioning.plans.assign'],
  'roles.read': ['partner.provisioning.subscribers.activate'],
};

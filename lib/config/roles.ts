import { expand, tenantPermissions, partnerPermissions, type Permission } from './permissions';

export type RoleTemplate = { key: string; name: string; description: string; permissions: Permission[] };

const selfService = ['account.read', 'account.write', 'account.sessions.manage'];
/** End users also verify their identity, ask for upgrades, and open and follow their own tickets. */
const endUser = [...selfService, 'account.kyc', 'tickets.self'];
const subscriber = [...endUser, 'subscriptions.self'];

/**
 * The roles every tenant starts with: one per user type, the staff roles, and the four partner
 * staff roles. Tenant admins edit them; `admin` keeps every permission.
 */
export const builtInRoles: RoleTemplate[] = [
  { key: 'guest', name: 'Guest', description: 'Signed up, KYC not yet verified.', permissions: expand(endUser) },
  { key: 'basic', name: 'Basic', description: 'KYC verified end user.', permissions: expand(subscriber) },
  { key: 'advanced', name: 'Advanced', description: 'End user with more plans.', permissions: expand(subscriber) },
  { key: 'company', name: 'Company', description: 'Business customer; every plan.', permissions: expand(subscriber) },
  {
    key: 'admin',
    name: 'Admin',
    description: 'Manages this tenant: every tenant and partner permission.',
    permissions: [...tenantPermissions, ...partnerPermissions],
  },
  {
    key: 'support_agent',
    name: 'Support agent',
    description: 'Works tickets for this tenant.',
    permissions: expand([...selfService, 'users.read', 'tickets.*']),
  },
  {
    key: 'billing_clerk',
    name: 'Billing clerk',
    description: 'Handles invoices and payments.',
    permissions: expand([...selfService, 'users.read', 'billing.*', 'reports.revenue.read']),
  },
  {
    key: 'partner_msp_full',
    name: 'Partner MSP full',
    description: 'Staff who manage linked tenants in every area.',
    permissions: expand([...selfService, 'partner.*']),
  },
  {
    key: 'partner_msp_billing',
    name: 'Partner MSP billing',
    description: 'Staff who handle billing for linked tenants.',
    permissions: expand([
      ...selfService,
      'partner.tenants.list',
      'partner.tenants.switch_context',
      'partner.billing.*',
      'partner.reports.revenue.read',
      'partner.alerts.billing.read',
      'partner.alerts.manage',
    ]),
  },
  {
    key: 'partner_msp_support',
    name: 'Partner MSP support',
    description: 'Staff who work tickets for linked tenants.',
    permissions: expand([
      ...selfService,
      'partner.tenants.list',
      'partner.tenants.switch_context',
      'partner.support.*',
      'partner.reports.usage.read',
      'partner.reports.sla.read',
      'partner.alerts.sla.read',
      'partner.alerts.manage',
    ]),
  },
  {
    key: 'partner_auditor',
    name: 'Partner auditor',
    description: 'Read-only access to linked tenants.',
    permissions: expand([
      ...selfService,
      'partner.tenants.list',
      'partner.tenants.switch_context',
      'partner.billing.read',
      'partner.support.tickets.list',
      'partner.support.tickets.read',
      'partner.reports.*',
      // Reads only: an auditor acknowledges nothing.
      'partner.alerts.sla.read',
      'partner.alerts.billing.read',
      'partner.audit.read',
    ]),
  },
];

/** The platform tenant's admin also operates the registry. */
export const platformAdminExtras = expand(['platform.*']);

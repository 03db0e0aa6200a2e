import { pgEnum } from 'drizzle-orm/pg-core';

export const tenantStatus = pgEnum('tenant_status', ['active', 'stopped']);
export const userType = pgEnum('user_type', ['guest', 'basic', 'advanced', 'company', 'admin']);
export const userStatus = pgEnum('user_status', ['active', 'inactive', 'idle', 'signing']);
export const linkAccessRole = pgEnum('link_access_role', [
  'msp_full',
  'msp_billing',
  'msp_support',
  'enterprise_hq',
  'auditor',
  'reseller',
  'delegate',
]);
export const linkStatus = pgEnum('link_status', ['requested', 'active', 'rejected', 'revoked']);
export const auditOutcome = pgEnum('audit_outcome', ['success', 'denied', 'failure']);

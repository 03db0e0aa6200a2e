/**
 * Exactly what the runtime role may do, table by table. Bootstrap revokes everything and grants
 * this map, so a table missing here is unreachable at runtime (and a test says so).
 * Audit tables are append-only: no UPDATE, no DELETE. Registry writes are the platform
 * operators' (checked in lib/data/registry.ts).
 */
export const runtimeTablePrivileges: Record<string, readonly string[]> = {
  tenants: ['SELECT', 'INSERT', 'UPDATE'],
  users: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  sessions: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  roles: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  role_permissions: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  user_roles: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  partner_tenant_links: ['SELECT', 'INSERT', 'UPDATE'],
  audit_events: ['SELECT', 'INSERT'],
  audit_digests: ['SELECT', 'INSERT'],
  audit_digest_events: ['SELECT', 'INSERT'],
  auth_failures: ['SELECT', 'INSERT', 'DELETE'],
  mail_outbox: ['SELECT', 'INSERT', 'UPDATE'],
  password_tokens: ['SELECT', 'INSERT', 'UPDATE'],
  feature_settings: ['SELECT', 'INSERT', 'UPDATE'],
  tenant_features: ['SELECT', 'INSERT', 'UPDATE'],
  tenant_policies: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  tenant_rate_limits: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  usage_operations: ['SELECT', 'INSERT', 'DELETE'],
  rate_limit_counters: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  tickets: ['SELECT', 'INSERT', 'UPDATE'],
  ticket_counters: ['SELECT', 'INSERT', 'UPDATE'],
};

/** Tables whose rows belong to one tenant: tenant_id leads the key, RLS is forced. */
export const tenantScopedTables = [
  'users',
  'sessions',
  'roles',
  'role_permissions',
  'user_roles',
  'audit_events',
  'audit_digests',
  'audit_digest_events',
  'mail_outbox',
  'password_tokens',
  'tenant_features',
  'tenant_policies',
  'tenant_rate_limits',
  'usage_operations',
  'ticket_counters',
  'tickets',
] as const;

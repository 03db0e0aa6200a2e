import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from './schema';

/**
 * Exactly what the runtime role may do, table by table: least privilege is a decision per table
 * (audit tables are append-only, the registry is never deleted from), so it is written here, not
 * derived. Bootstrap revokes everything and grants this map, and refuses to start when a schema
 * table has no entry. Registry writes are the platform operators' (lib/data/platform/scope.ts).
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
  // Comments are never edited or deleted: the thread is the record.
  ticket_comments: ['SELECT', 'INSERT'],
  ticket_events: ['SELECT', 'INSERT'],
  tenant_settings: ['SELECT', 'INSERT', 'UPDATE'],
  // Decisions stay; only a submission's files are purged (data set to null) by the retention job.
  kyc_submissions: ['SELECT', 'INSERT', 'UPDATE'],
  kyc_files: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  user_type_history: ['SELECT', 'INSERT'],
  upgrade_requests: ['SELECT', 'INSERT', 'UPDATE'],
  notifications: ['SELECT', 'INSERT', 'UPDATE'],
  // A plan with subscription history is never deleted (lib/data/plans.ts refuses); one without may be.
  plans: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  subscriptions: ['SELECT', 'INSERT', 'UPDATE'],
  subscription_events: ['SELECT', 'INSERT'],
  subscription_codes: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  idempotency_keys: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // Deleted only with the tenant's data (portal_delete_tenant_data, which the owner runs).
  tenant_exports: ['SELECT', 'INSERT', 'UPDATE'],
  // Invoices are never deleted: a mistake is voided, keeping its number (no gaps).
  invoices: ['SELECT', 'INSERT', 'UPDATE'],
  // Written only by the trigger on invoices, in the invoice's own tenant scope.
  invoice_day_totals: ['SELECT', 'INSERT', 'UPDATE'],
  invoice_lines: ['SELECT', 'INSERT'],
  payments: ['SELECT', 'INSERT'],
  invoice_events: ['SELECT', 'INSERT'],
  number_series: ['SELECT', 'INSERT', 'UPDATE'],
  export_jobs: ['SELECT', 'INSERT', 'UPDATE'],
  // Alerts are resolved, never deleted; their history is append-only.
  alerts: ['SELECT', 'INSERT', 'UPDATE'],
  alert_events: ['SELECT', 'INSERT'],
  // A rebuilt, expired or cancelled export's file is deleted; the job row stays as its record.
  export_chunks: ['SELECT', 'INSERT', 'DELETE'],
  // Revoked keys stay as the record of who used what; a user's keys go with the user.
  api_keys: ['SELECT', 'INSERT', 'UPDATE'],
  // An endpoint is deleted with its deliveries and attempts (a delete cascades); deliveries and
  // attempts are otherwise never deleted by the portal.
  webhook_endpoints: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  webhook_deliveries: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  webhook_attempts: ['SELECT', 'INSERT', 'DELETE'],
  // A factor is replaced on re-enrolment and deleted when turned off, its recovery codes with it.
  user_mfa: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  mfa_recovery_codes: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  notification_preferences: ['SELECT', 'INSERT', 'UPDATE'],
  // A digest's record is never changed: it is what makes a second one that day impossible.
  digest_runs: ['SELECT', 'INSERT'],
};

/**
 * Tables whose rows belong to one tenant, derived from the schema: every table with a
 * `tenant_id` column, unless listed in `notTenantScoped` (none today). RLS is forced on each,
 * `tenant_id` leads its key, and the isolation tests attack each one, so a new table cannot
 * miss them. A new tenant table's migration calls `enable_tenant_rls('table')`.
 */
const notTenantScoped: readonly string[] = [];

const tableConfigs = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable)).map((t) => getTableConfig(t));

export const tenantScopedTables: readonly string[] = tableConfigs
  .filter((c) => c.columns.some((col) => col.name === 'tenant_id') && !notTenantScoped.includes(c.name))
  .map((c) => c.name)
  .sort();

/** Every table in the schema: each needs an entry in runtimeTablePrivileges (bootstrap refuses to start otherwise). */
export const schemaTables: readonly string[] = tableConfigs.map((c) => c.name).sort();

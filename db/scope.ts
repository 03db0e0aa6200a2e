import { sql } from 'drizzle-orm';
import type { Tx } from './client';

export type TenantScope = { tenantId: string; readTenantIds?: readonly string[]; userId?: string | null };

/**
 * Binds an open transaction to a tenant: `app.tenant_id` (where rows may be written),
 * `app.tenant_ids` (what may be read) and, when given, `app.user_id`. Transaction-local
 * (set_config(.., true)), so a pooled connection never carries them into the next transaction.
 */
export async function applyTenantScope(tx: Tx, scope: TenantScope): Promise<void> {
  const readIds = `{${(scope.readTenantIds ?? [scope.tenantId]).join(',')}}`;
  await tx.execute(
    scope.userId === undefined
      ? sql`select set_config('app.tenant_id', ${scope.tenantId}, true), set_config('app.tenant_ids', ${readIds}, true)`
      : sql`select set_config('app.tenant_id', ${scope.tenantId}, true), set_config('app.tenant_ids', ${readIds}, true),
               set_config('app.user_id', ${scope.userId ?? ''}, true)`,
  );
}

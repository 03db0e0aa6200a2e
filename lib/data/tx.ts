import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { RequestContext } from '@/lib/tenancy/context';
import { appDb } from './db';

export type { Tx };

type Scope = { tenantId: string; readTenantIds?: readonly string[]; userId?: string | null };

/**
 * Runs fn in a transaction bound to one tenant. The settings are transaction-local
 * (set_config(.., true)), so a pooled connection never carries them into the next request.
 */
export async function inTenantScope<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const readIds = scope.readTenantIds ?? [scope.tenantId];
  return appDb().transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('app.tenant_id', ${scope.tenantId}, true),
      set_config('app.tenant_ids', ${`{${readIds.join(',')}}`}, true),
      set_config('app.user_id', ${scope.userId ?? ''}, true)`);
    return fn(tx);
  });
}

/**
 * Moves an open transaction to another tenant. Only for operations that legitimately span
 * tenants (the platform registering or stopping a tenant); callers have checked platform.*.
 */
export async function unsafeSwitchScope(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select
    set_config('app.tenant_id', ${tenantId}, true),
    set_config('app.tenant_ids', ${`{${tenantId}}`}, true)`);
}

/** The request's active tenant: where every domain function runs. */
export function withTenant<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTenantScope({ tenantId: ctx.activeTenant.id, userId: ctx.user.id }, fn);
}

/** The user's own home tenant, for their account (sessions, profile) wherever they act. */
export function withHomeTenant<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTenantScope({ tenantId: ctx.homeTenant.id, userId: ctx.user.id }, fn);
}

import 'server-only';
import type { Tx } from '@/db/client';
import { applyTenantScope, type TenantScope } from '@/db/scope';
import type { RequestContext } from '@/lib/tenancy/context';
import { appDb } from './db';

export type { Tx };

/** Runs fn in a transaction bound to one tenant (see applyTenantScope). */
export async function inTenantScope<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return appDb().transaction(async (tx) => {
    await applyTenantScope(tx, { ...scope, userId: scope.userId ?? null });
    return fn(tx);
  });
}

/**
 * Moves an open transaction to another tenant. Only for operations that legitimately span
 * tenants (the platform registering or stopping a tenant); callers have checked platform.*.
 */
export async function unsafeSwitchScope(tx: Tx, tenantId: string): Promise<void> {
  await applyTenantScope(tx, { tenantId });
}

/** The request's active tenant: where every domain function runs. */
export function withTenant<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTenantScope({ tenantId: ctx.activeTenant.id, userId: ctx.user.id }, fn);
}

/** The user's own home tenant, for their account (sessions, profile) wherever they act. */
export function withHomeTenant<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTenantScope({ tenantId: ctx.homeTenant.id, userId: ctx.user.id }, fn);
}

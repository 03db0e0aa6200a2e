import 'server-only';
import { makeReadOnly, type Tx } from '@/db/client';
import { applyTenantScope, connectionOf, sendTenantScope, type TenantScope } from '@/db/scope';
import type { RequestContext } from '@/lib/tenancy/context';
import { appDb } from './db';
import { metrics } from '@/lib/metrics';

export type { Tx };

/**
 * Runs fn in a transaction bound to one tenant (see applyTenantScope). BEGIN, the scope and fn's
 * first statement leave in one write (db/client.ts, pipelinedTransaction): the scope is sent on
 * the transaction's connection before fn starts, so fn's statements run after it. If the scope
 * fails, the transaction is aborted and fn's statements fail with it; with no scope every tenant
 * table reads empty anyway. `readOnly`: PostgreSQL refuses any write in the transaction, and its
 * COMMIT is not waited for (nothing in it needs to be durable).
 */
export async function inTenantScope<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const { inFlight } = metrics();
  inFlight.inc();
  try {
    return await appDb().transaction(async (tx) => {
      const client = connectionOf(tx);
      const readOnly = options.readOnly ? makeReadOnly(client) : null;
      const scoped = sendTenantScope(client, { ...scope, userId: scope.userId ?? null });
      const [, , result] = await Promise.all([readOnly, scoped, fn(tx)]);
      return result;
    });
  } finally {
    inFlight.dec();
  }
}

/**
 * Moves an open transaction to another tenant. Only for operations that legitimately span
 * tenants (the platform registering or stopping a tenant); callers have checked platform.*.
 */
export async function unsafeSwitchScope(tx: Tx, tenantId: string): Promise<void> {
  await applyTenantScope(tx, { tenantId });
}

/**
 * The request's active tenant: where every domain function runs. `readOnly` for reads that write
 * nothing, not even an audit row (a read at home): see inTenantScope.
 */
export function withTenant<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  return inTenantScope({ tenantId: ctx.activeTenant.id, userId: ctx.user.id }, fn, options);
}

/** The user's own home tenant, for their account (sessions, profile) wherever they act. */
export function withHomeTenant<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTenantScope({ tenantId: ctx.homeTenant.id, userId: ctx.user.id }, fn);
}

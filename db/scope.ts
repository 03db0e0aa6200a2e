import type postgres from 'postgres';
import type { Tx } from './client';

export type TenantScope = { tenantId: string; readTenantIds?: readonly string[]; userId?: string | null };

const scopeSql = `select set_config('app.tenant_id', $1, true), set_config('app.tenant_ids', $2, true),
  set_config('app.user_id', coalesce($3::text, current_setting('app.user_id', true), ''), true)`;
const scopeParams = (scope: TenantScope) => [scope.tenantId, `{${(scope.readTenantIds ?? [scope.tenantId]).join(',')}}`, scope.userId ?? null];

/** drizzle's postgres-js transaction keeps the transaction's own postgres.js client here. */
export const connectionOf = (tx: Tx) => (tx as unknown as { session: { client: postgres.TransactionSql } }).session.client;

/**
 * Binds an open transaction to a tenant: `app.tenant_id` (where rows may be written),
 * `app.tenant_ids` (what may be read) and, when given, `app.user_id` (kept otherwise).
 * Transaction-local (set_config(.., true)), so a pooled connection never carries them into the
 * next transaction.
 */
export async function applyTenantScope(tx: Tx, scope: TenantScope): Promise<void> {
  await sendTenantScope(connectionOf(tx), scope);
}

/**
 * The same settings, sent at once on the transaction's own postgres.js connection. A query
 * issued after this call queues behind it and runs after it (one connection runs its statements
 * in order). Every statement is a named prepared statement and a transaction does not wait for
 * its BEGIN (db/client.ts), so BEGIN, the scope and the transaction's first query leave in one
 * write: test/integration/round-trips.test.ts counts the round trips of a request.
 */
export function sendTenantScope(client: postgres.TransactionSql, scope: TenantScope): Promise<unknown> {
  return client.unsafe(scopeSql, scopeParams(scope)).execute();
}

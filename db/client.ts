import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

type Pool = { sql: postgres.Sql; db: Database };

const globalPools = globalThis as unknown as { __portalPools?: Map<string, Pool> };

/** One pool per URL per process (survives dev reloads). */
export function connect(url: string, max = 10): Pool {
  globalPools.__portalPools ??= new Map();
  const existing = globalPools.__portalPools.get(url);
  if (existing) return existing;
  const sql = postgres(url, {
    max,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: 'partner-portal' },
    // An observer of every statement (test/integration/query-plans.test.ts); unset in the app.
    debug: (_connection, query, parameters) => (globalThis as { __portalQueryObserver?: (q: string, p: unknown[]) => void }).__portalQueryObserver?.(query, parameters),
  });
  const pool = { sql, db: drizzle(sql, { schema }) };
  globalPools.__portalPools.set(url, pool);
  return pool;
}

export async function closeAll(): Promise<void> {
  const pools = globalPools.__portalPools;
  if (!pools) return;
  await Promise.all([...pools.values()].map((p) => p.sql.end({ timeout: 5 })));
  pools.clear();
}

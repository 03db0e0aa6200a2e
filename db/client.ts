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
  const named = preparing(sql);
  const pool = { sql: named, db: drizzle(named, { schema }) };
  globalPools.__portalPools.set(url, pool);
  return pool;
}

/**
 * Every statement a named prepared statement: postgres.js names one only when asked, and drizzle
 * asks only for `.prepare(name)`, so each query was Parse/Describe, wait, then Bind/Execute (two
 * round trips, and nothing could be sent behind it). Named, a statement is parsed once per
 * connection; after that it is one round trip, and the statements of a transaction pipeline
 * (issue #12). The pool's `unsafe` and every transaction's (and savepoint's) ask for it; a text
 * without parameters still goes as a simple query (postgres.js's rule), so several statements in
 * one text keep working.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) => target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const original = Reflect.get(target, prop, receiver) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return original.call(target, ...args, (tx: postgres.TransactionSql) => fn(preparing(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export async function closeAll(): Promise<void> {
  const pools = globalPools.__portalPools;
  if (!pools) return;
  await Promise.all([...pools.values()].map((p) => p.sql.end({ timeout: 5 })));
  pools.clear();
}

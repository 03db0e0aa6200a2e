import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

/**
 * No schema is given to drizzle: the portal writes its queries with the query builder and never
 * uses relational queries (`db.query.*`), and with a schema drizzle builds a query object for
 * every table on every transaction it opens (issue #12: a fifth of listUsers' Node time).
 */
export type Database = PostgresJsDatabase;
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
  });
  const named = preparing(sql);
  const pool = { sql: named, db: drizzle(named) };
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
 * one text keep working. The pool's `begin` is `pipelinedTransaction`.
 */
function preparing<T extends postgres.Sql | postgres.ReservedSql>(sql: T, tx?: TxState): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) => {
          observe(query, params);
          return target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
        };
      }
      if (prop === 'begin' && !tx) {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return pipelinedTransaction(target as postgres.Sql, typeof args[0] === 'string' ? args[0] : '', fn);
        };
      }
      if (prop === 'savepoint' && tx) return (...args: unknown[]) => savepoint(tx, args.pop() as (tx: postgres.TransactionSql) => unknown);
      if (prop === TX_STATE) return tx;
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** A transaction's own bookkeeping: its connection, what goes with its COMMIT, whether it only reads. */
type TxState = {
  connection: postgres.ReservedSql;
  client: postgres.TransactionSql;
  atCommit: { text: string; params: unknown[] }[];
  readOnly: boolean;
  savepoints: number;
};
/**
 * How a transaction's client finds its state. A registered symbol, not a module-level map: the
 * production build may hold this module more than once (one copy per server bundle), and the
 * transaction and sendWithCommit's caller need not share a copy.
 */
const TX_STATE = Symbol.for('partner-portal.transaction-state');

const send = (state: TxState, text: string, params: unknown[] = []) => {
  observe(text, params);
  return state.connection.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }).execute();
};

/**
 * Every statement the portal sends goes past here first (the pool's and every transaction's
 * `unsafe`, and the transaction's own BEGIN, COMMIT and audit rows): tests and benches watch them
 * through `globalThis.__portalQueryObserver` (test/integration/query-plans.test.ts,
 * bench/measure.ts). Not postgres.js's `debug` option: with it set, postgres.js captures a stack
 * trace for every query, a tenth of the driver's time on a read (issue #12).
 */
function observe(query: string, params: unknown[] | undefined): void {
  (globalThis as { __portalQueryObserver?: (q: string, p: unknown[]) => void }).__portalQueryObserver?.(query, params ?? []);
}

/**
 * A transaction in as few round trips as its statements allow (issue #12). postgres.js's own
 * `begin` waits for BEGIN's answer before the first statement and for every statement before
 * COMMIT. Here, on a reserved connection, whose statements run in the order they were sent:
 * - BEGIN is sent and not waited for, so it leaves in the same write as the tenant scope and the
 *   first query (postgres.js gathers what is sent in one turn of the event loop into one write).
 *   A failed BEGIN fails the transaction (it is checked before COMMIT); only a lost connection
 *   makes one fail, and that fails every statement behind it too.
 * - Statements registered with `sendWithCommit` (the audit row of a read through a link) are
 *   sent together with COMMIT, and the transaction returns only when both answered: the row is
 *   durable before the caller's answer goes out, or the caller gets an error.
 * - A read-only transaction (`makeReadOnly`: PostgreSQL itself refuses any write in it) with
 *   nothing to send at commit returns without waiting for COMMIT's answer; the
 *   connection goes back to the pool once it has come. Nothing of it needs to be durable.
 * A COMMIT that answers ROLLBACK (a statement failed and someone caught the error) throws.
 */
async function pipelinedTransaction<T>(pool: postgres.Sql, options: string, fn: (tx: postgres.TransactionSql) => T | Promise<T>): Promise<T> {
  const connection = await pool.reserve();
  const state: TxState = { connection, client: undefined as never, atCommit: [], readOnly: false, savepoints: 0 };
  const client = preparing(connection, state) as unknown as postgres.TransactionSql;
  state.client = client;
  const began = send(state, `begin ${options.replace(/[^a-z ]/gi, '')}`);
  began.catch(() => {});
  let release = true;
  try {
    const result = await fn(client);
    await began;
    const tail = state.atCommit.map((s) => send(state, s.text, s.params));
    const commit = send(state, 'commit');
    if (state.readOnly && tail.length === 0) {
      release = false;
      void commit.then(
        () => connection.release(),
        () => connection.release(),
      );
      return result;
    }
    const [answered] = (await Promise.all([commit, ...tail])) as unknown as [{ command?: string }];
    if (answered.command !== 'COMMIT') throw new Error(`The transaction was rolled back (${answered.command ?? 'no answer'}): a statement in it failed.`);
    return result;
  } catch (error) {
    await send(state, 'rollback').catch(() => {});
    throw error;
  } finally {
    if (release) connection.release();
  }
}

/** drizzle's nested `transaction()`: a savepoint on the same connection, sent without waiting. */
async function savepoint<T>(state: TxState, fn: (tx: postgres.TransactionSql) => T | Promise<T>): Promise<T> {
  const name = `portal_sp_${++state.savepoints}`;
  const pending = state.atCommit.length;
  const opened = send(state, `savepoint ${name}`);
  opened.catch(() => {});
  try {
    const result = await fn(state.client);
    await opened;
    await send(state, `release savepoint ${name}`);
    return result;
  } catch (error) {
    // What the rolled-back part meant to send at commit goes with it.
    state.atCommit.length = pending;
    await send(state, `rollback to savepoint ${name}`);
    throw error;
  }
}

/** The transaction's state, from its client (or a savepoint's: they share it). */
function stateOf(client: postgres.TransactionSql): TxState {
  const state = (client as unknown as Record<symbol, TxState | undefined>)[TX_STATE];
  if (!state) throw new Error('Not a transaction of this pool');
  return state;
}

/**
 * Makes the transaction read-only before its first statement (sent now, not waited for): PostgreSQL
 * refuses any write in it, and its COMMIT is not waited for (pipelinedTransaction).
 */
export function makeReadOnly(client: postgres.TransactionSql): Promise<unknown> {
  const state = stateOf(client);
  state.readOnly = true;
  return send(state, 'set transaction read only');
}

/**
 * Sends a statement together with the transaction's COMMIT instead of now (no round trip of its
 * own). For writes nothing in the transaction reads back: the audit row of a read through a link.
 * It runs under the transaction's tenant scope as it is at COMMIT (callers do not move the scope);
 * the transaction fails if the statement does, and a rolled-back savepoint drops it.
 */
export function sendWithCommit(client: postgres.TransactionSql, text: string, params: unknown[]): void {
  stateOf(client).atCommit.push({ text, params });
}

export async function closeAll(): Promise<void> {
  const pools = globalPools.__portalPools;
  if (!pools) return;
  await Promise.all([...pools.values()].map((p) => p.sql.end({ timeout: 5 })));
  pools.clear();
}

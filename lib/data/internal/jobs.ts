import 'server-only';
import PgBoss from 'pg-boss';
import { connectionOf } from '@/db/scope';
import { JOB_SCHEMA, type QueueName } from '@/lib/config/queues';
import { env } from '@/lib/env';
import type { Tx } from '../tx';

// Enqueueing from a request: pg-boss's own insert, run on the request's transaction, so the job
// exists exactly when the change that asked for it commits (a rolled-back request leaves none).
// This pg-boss instance is never started: it opens no pool and works no queue.
let sender: PgBoss | null = null;

export async function sendJobInTransaction(tx: Tx, name: QueueName, data: object): Promise<string | null> {
  sender ??= new PgBoss({ connectionString: env().DATABASE_APP_URL, schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false });
  const connection = connectionOf(tx);
  return sender.send(name, data, {
    db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await connection.unsafe(text, values.map(asParameter) as never[]) }) },
  });
}

/** A pg-boss parameter as postgres.js takes it: unset is NULL, the job's data is JSON text (as node-postgres sends it). */
function asParameter(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
}

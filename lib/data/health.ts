import 'server-only';
import { sql } from 'drizzle-orm';
import journal from '@/db/migrations/meta/_journal.json';
import { JOB_SCHEMA } from '@/lib/config/queues';
import { appDb, assertRuntimeRoleIsConfined } from './db';

export type ReadinessCheck = 'database' | 'migrations' | 'runtimeRole' | 'queue';
export type Readiness = { ready: boolean; checks: Record<ReadinessCheck, 'ok' | string> };

const describe = (error: unknown) => (error instanceof Error ? error.message.slice(0, 200) : 'failed');

/**
 * What a load balancer asks before sending traffic: PostgreSQL answers, every committed migration
 * is applied, the runtime role cannot bypass row-level security, and the job queue is there.
 */
export async function checkReadiness(): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'ok', migrations: 'ok', runtimeRole: 'ok', queue: 'ok' };
  try {
    await appDb().execute(sql`select 1`);
  } catch {
    return { ready: false, checks: { database: 'unreachable', migrations: 'unknown', runtimeRole: 'unknown', queue: 'unknown' } };
  }
  const [migrations, role, queue] = await Promise.allSettled([
    appDb().execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    assertRuntimeRoleIsConfined(),
    appDb().execute(sql.raw(`select 1 from ${JOB_SCHEMA}.version`)),
  ]);
  const expected = journal.entries.length;
  if (migrations.status === 'rejected') checks.migrations = describe(migrations.reason);
  else if (migrations.value[0]?.n !== expected) checks.migrations = `${migrations.value[0]?.n ?? 0} of ${expected} applied`;
  if (role.status === 'rejected') checks.runtimeRole = 'can bypass row-level security';
  if (queue.status === 'rejected') checks.queue = 'job queue schema missing or not granted';
  return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
}

/** Jobs by queue and state, the oldest waiting one's age, and time since sealing last completed (metrics). */
export async function queueStats(): Promise<{ queues: { name: string; state: string; n: number; oldest: number | null }[]; sealingLagSeconds: number | null }> {
  const queues = await appDb().execute<{ name: string; state: string; n: number; oldest: number | null }>(
    sql.raw(`select name, state::text as state, count(*)::int as n,
               extract(epoch from now() - min(created_on) filter (where state in ('created', 'retry')))::float8 as oldest
             from ${JOB_SCHEMA}.job where name not like '\\_\\_pgboss%' group by name, state`),
  );
  const [seal] = await appDb().execute<{ lag: number | null }>(
    sql.raw(`select extract(epoch from now() - max(completed_on))::float8 as lag from (
               select completed_on from ${JOB_SCHEMA}.job where name = 'audit-seal' and state = 'completed'
               union all select completed_on from ${JOB_SCHEMA}.archive where name = 'audit-seal' and state = 'completed') j`),
  );
  return { queues: [...queues], sealingLagSeconds: seal?.lag ?? null };
}

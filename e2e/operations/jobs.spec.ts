import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { queues } from '../../lib/config/queues';
import { apiAs } from '../fixtures/auth';
import { e2eOwner } from '../fixtures/db';
import { E2E_DATA_DIR } from '../fixtures/env';

/**
 * The e2e server is `scripts/start.ts` (what `npm start` runs) on a fresh embedded database, so
 * this sees what an operator's first minutes see: cron creates jobs, every queue's job completes,
 * and the audit log is sealed, with nothing called by hand.
 */
test('background jobs run on a freshly started portal: every queue completes a job, cron fires, the audit log is sealed', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = e2eOwner();
  try {
    // A sign-in writes an audit event; the sealing job must take it into a digest by itself.
    await apiAs(browser, 'globex', 'admin@globex.example');
    const [signIn] = await owner<{ tenant_id: string; seq: string }[]>`
      select e.tenant_id, e.seq from audit_events e join tenants t on t.id = e.tenant_id
      where t.slug = 'globex' and e.action = 'auth.sign_in' order by e.seq desc limit 1`;
    expect(signIn).toBeDefined();
    const names = queues.map((q) => q.name);
    await expect
      .poll(
        async () => {
          const rows = await owner<{ name: string; cron: boolean }[]>`
            select name, coalesce(data->>'trigger', '') <> 'start' as cron from pgboss.job
            where name = any(${names}) and state = 'completed'
            union all
            select name, coalesce(data->>'trigger', '') <> 'start' from pgboss.archive
            where name = any(${names}) and state = 'completed'`;
          const [sealed] = await owner<{ n: number }[]>`
            select count(*)::int as n from audit_digest_events where tenant_id = ${signIn!.tenant_id} and event_seq = ${signIn!.seq}`;
          return {
            completed: [...new Set(rows.map((r) => r.name))].sort(),
            cronSealRan: rows.some((r) => r.name === 'audit-seal' && r.cron),
            signInSealed: sealed?.n === 1,
          };
        },
        { timeout: 150_000, intervals: [2_000] },
      )
      .toEqual({ completed: [...names].sort(), cronSealRan: true, signInSealed: true });
    const [failed] = await owner<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = any(${names}) and state = 'failed'`;
    expect(failed?.n).toBe(0);
  } finally {
    await owner.end();
  }
});

test('jobs run in a worker process of their own, which npm start restarts when it dies', async ({ request }) => {
  test.setTimeout(180_000);
  const pidFile = path.join(E2E_DATA_DIR, 'worker.pid');
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const first = Number(readFileSync(pidFile, 'utf8'));
  expect(alive(first)).toBe(true);
  const owner = e2eOwner();
  try {
    const [{ now }] = (await owner`select now() as now`) as unknown as [{ now: Date }];
    process.kill(first, 'SIGKILL');
    // The supervisor notices, starts another worker, and the web server never stopped answering.
    await expect.poll(() => Number(readFileSync(pidFile, 'utf8')), { timeout: 20_000 }).not.toBe(first);
    const second = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(second), { timeout: 10_000 }).toBe(true);
    expect((await request.get('/api/health')).status()).toBe(200);
    // The new worker takes the next cron tick: a sealing job completes after the kill.
    await expect
      .poll(
        async () => (await owner`select count(*)::int as n from pgboss.job where name = 'audit-seal' and state = 'completed' and completed_on > ${now}`)[0]!.n,
        { timeout: 150_000, intervals: [2_000] },
      )
      .toBeGreaterThan(0);
  } finally {
    await owner.end();
  }
});

test('readiness answers 200 with every check, and liveness needs no database', async ({ request }) => {
  const ready = await request.get('/api/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', runtimeRole: 'ok', queue: 'ok' } });
  expect(await (await request.get('/api/health')).json()).toEqual({ status: 'ok' });
});

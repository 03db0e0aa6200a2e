import PgBoss from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import { sealAllTenants } from '@/lib/jobs/audit-sealing';
import { JOB_SCHEMA } from '@/lib/config/queues';
import { owner, tenantId } from '../support/world';

let boss: PgBoss | undefined;

/**
 * A pg-boss instance of this file. pg-boss re-emits its pool's errors as 'error' events, and an
 * EventEmitter without a listener throws them: a pooled connection closing when the test database
 * is dropped after the run (57P01) would fail the run as an unhandled error. What the tests
 * assert is unaffected: they await the calls themselves.
 */
const instance = (options: ConstructorParameters<typeof PgBoss>[0]) => {
  const b = new PgBoss(options);
  b.on('error', () => {});
  return b;
};
afterEach(async () => {
  await boss?.stop({ graceful: false, wait: true });
  boss = undefined;
});

describe('the job queue', () => {
  it('runs the audit-seal job as the runtime role, which owns none of the queue tables', async () => {
    const [{ owned }] = (await owner()`
      select count(*)::int as owned from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${JOB_SCHEMA} and pg_get_userbyid(c.relowner) = 'portal_app_test'`) as unknown as [{ owned: number }];
    expect(owned).toBe(0);

    const globex = await tenantId('globex');
    await owner()`insert into audit_events (tenant_id, action) values (${globex}, 'test.queued')`;
    boss = instance({ connectionString: process.env.DATABASE_APP_URL!, schema: JOB_SCHEMA, migrate: false, max: 2 });
    await boss.start();
    const done = new Promise<number>((resolve, reject) => {
      void boss!.work('audit-seal', { pollingIntervalSeconds: 0.5 }, async () => {
        try {
          resolve(await sealAllTenants());
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    await boss.send('audit-seal', {});
    expect(await done).toBeGreaterThan(0);
    const [{ pending }] = (await owner()`
      select count(*)::int as pending from audit_events e where e.tenant_id = ${globex}
      and not exists (select 1 from audit_digest_events d where d.tenant_id = e.tenant_id and d.event_seq = e.seq)`) as unknown as [
      { pending: number },
    ];
    expect(pending).toBe(0);
  });

  it('hands each job to exactly one of several workers polling the same queue', async () => {
    // A queue of this test's own, created (and granted) the way bootstrap creates the real ones.
    const admin = await instance({ connectionString: process.env.TEST_OWNER_URL!, schema: JOB_SCHEMA, supervise: false, schedule: false, max: 1 }).start();
    await admin.createQueue('test-once', { name: 'test-once', policy: 'standard' });
    await admin.stop({ graceful: false, wait: true });
    await owner().unsafe(`grant select, insert, update, delete on all tables in schema ${JOB_SCHEMA} to portal_app_test`);

    const workers = await Promise.all(
      [1, 2, 3].map(() => instance({ connectionString: process.env.DATABASE_APP_URL!, schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false, max: 2 }).start()),
    );
    try {
      const runs: string[] = [];
      const total = 30;
      const allDone = new Promise<void>((resolve) => {
        for (const w of workers) {
          void w.work('test-once', { pollingIntervalSeconds: 0.5, batchSize: 2 }, async (jobs) => {
            for (const job of jobs) runs.push(job.id);
            if (runs.length >= total) resolve();
          });
        }
      });
      const sender = workers[0]!;
      const ids = await Promise.all(Array.from({ length: total }, (_, i) => sender.send('test-once', { i })));
      await allDone;
      // A moment for any late duplicate to show up, then: every job ran, each exactly once.
      await new Promise((r) => setTimeout(r, 1500));
      expect(runs.length).toBe(total);
      expect(new Set(runs)).toEqual(new Set(ids));
    } finally {
      await Promise.all(workers.map((w) => w.stop({ graceful: false, wait: true })));
    }
  });

  it('refuses DDL from the runtime role (it cannot create queues)', async () => {
    // No maintenance or cron timers: nothing of this instance queries while the database is dropped after the test.
    boss ??= await instance({ connectionString: process.env.DATABASE_APP_URL!, schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false, max: 1 }).start();
    await expect(boss.createQueue('rogue-queue')).rejects.toThrow(/permission denied|must be owner/);
  });
});

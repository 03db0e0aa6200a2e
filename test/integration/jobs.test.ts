import PgBoss from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import { sealAllTenants } from '@/lib/jobs/audit-sealing';
import { JOB_SCHEMA } from '@/lib/config/queues';
import { owner, tenantId } from '../support/world';

let boss: PgBoss | undefined;
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
    boss = new PgBoss({ connectionString: process.env.DATABASE_APP_URL!, schema: JOB_SCHEMA, migrate: false, max: 2 });
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

  it('refuses DDL from the runtime role (it cannot create queues)', async () => {
    boss ??= await new PgBoss({ connectionString: process.env.DATABASE_APP_URL!, schema: JOB_SCHEMA, migrate: false, max: 1 }).start();
    await expect(boss.createQueue('rogue-queue')).rejects.toThrow(/permission denied|must be owner/);
  });
});

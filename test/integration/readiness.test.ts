import { describe, expect, it } from 'vitest';
import journal from '@/db/migrations/meta/_journal.json';
import { checkReadiness } from '@/lib/data/health';
import { owner } from '../support/world';

describe('readiness', () => {
  it('is ready on a migrated database with a confined role and the job queue installed', async () => {
    expect(await checkReadiness()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', runtimeRole: 'ok', queue: 'ok' } });
  });

  it('is not ready while a committed migration is missing, and says how many are applied', async () => {
    await owner()`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`;
    const readiness = await checkReadiness();
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.migrations).toBe(`${journal.entries.length - 1} of ${journal.entries.length} applied`);
  });

  it('is not ready when the job queue is gone (the role check is proven in rls.test.ts; roles are cluster-wide)', async () => {
    await owner().unsafe('alter schema pgboss rename to pgboss_gone');
    expect(await checkReadiness()).toMatchObject({ ready: false, checks: { database: 'ok', runtimeRole: 'ok', queue: expect.stringMatching(/missing/) } });
  });
});

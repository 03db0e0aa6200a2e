import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { resolveApiContext } from '@/lib/data/context';
import { unsafePruneRateLimitCounters } from '@/lib/data/internal/rate-limit';
import { ALICE, meta, openSession, owner, tenantId } from '../support/world';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** One more app instance: a separate Node process with its own connection pool. */
async function instance(key: string, limit: number, calls: number): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'test/support/rate-limit-worker.ts'), key, String(limit), String(calls)],
    { cwd: root, env: { ...process.env, NODE_OPTIONS: '--conditions=react-server' }, timeout: 60_000 },
  );
  return (JSON.parse(stdout) as { admitted: number }).admitted;
}

describe('rate limiter (PostgreSQL, shared by every instance)', () => {
  it('admits no more than the limit when two app processes race for one bucket', async () => {
    const key = `test:${randomUUID()}`;
    const [a, b] = await Promise.all([instance(key, 50, 80), instance(key, 50, 80)]);
    expect(a + b).toBe(50);
    const [row] = await owner()`select sum(count)::int as n from rate_limit_counters where key = ${key}`;
    expect(row!.n).toBe(160);
  }, 90_000);

  it('counts an API call with its context: own bucket and, through a link, the partner bucket', async () => {
    const claims = await openSession(...ALICE);
    const northwind = { id: await tenantId('northwind') };
    const { ctx, buckets } = await resolveApiContext(claims, northwind, meta, 'list');
    expect(ctx.via).toBe('link');
    expect(buckets.map((b) => [b.key.split(':')[0], b.limit, b.windowSeconds, b.count, b.remaining])).toEqual([
      ['u', 100, 60, 1, 99],
      ['l', 500, 60, 1, 499],
    ]);
    const [own] = buckets;
    expect(own!.resetAt % 60).toBe(0);
    expect(own!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(own!.retryAfter).toBeLessThanOrEqual(60);
    const again = await resolveApiContext(claims, northwind, meta, 'list');
    expect(again.buckets.map((b) => b.count)).toEqual([2, 2]);
    const exports = await resolveApiContext(claims, null, meta, 'export');
    expect(exports.buckets).toEqual([expect.objectContaining({ limit: 10, windowSeconds: 3600, count: 1 })]);
    // A tenant's own limits apply from the next call.
    await owner()`insert into tenant_rate_limits (tenant_id, list_per_minute, detail_per_minute, write_per_minute, export_per_hour, link_per_minute)
      values (${claims.tenantId}, 2, 200, 50, 10, 500)`;
    const third = await resolveApiContext(claims, northwind, meta, 'list');
    expect(third.buckets[0]).toMatchObject({ limit: 2, count: 3, remaining: 0 });
  });

  it('prunes windows older than two hours', async () => {
    await owner()`insert into rate_limit_counters (key, window_start, count) values ('old', now() - interval '3 hours', 5)`;
    expect(await unsafePruneRateLimitCounters()).toBeGreaterThanOrEqual(1);
    expect(await owner()`select 1 from rate_limit_counters where key = 'old'`).toHaveLength(0);
  });
});

describe('rate-limit storage', () => {
  it('is an unlogged table: increments commit without a WAL flush', async () => {
    const [row] = await owner()`select relpersistence from pg_class where relname = 'rate_limit_counters'`;
    expect(row!.relpersistence).toBe('u');
  });
});

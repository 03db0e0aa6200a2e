import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bucketsFor, hitBuckets, unsafePruneRateLimitCounters } from '@/lib/data/internal/rate-limit';
import { ALICE, contextFor, owner } from '../support/world';

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

  it('reports remaining calls and the window reset, and counts link traffic against the partner too', async () => {
    const alice = await contextFor(...ALICE, 'northwind');
    const buckets = bucketsFor(alice, 'list');
    expect(buckets.map((b) => [b.limit, b.windowSeconds])).toEqual([
      [100, 60],
      [500, 60],
    ]);
    const [own, link] = await hitBuckets(buckets);
    expect(own).toMatchObject({ count: 1, remaining: 99 });
    expect(link).toMatchObject({ count: 1, remaining: 499 });
    expect(own!.resetAt % 60).toBe(0);
    expect(own!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(own!.retryAfter).toBeLessThanOrEqual(60);
    expect(bucketsFor(alice, 'export')[0]).toMatchObject({ limit: 10, windowSeconds: 3600 });
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

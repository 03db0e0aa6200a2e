import 'server-only';
import { sql } from 'drizzle-orm';
import { classWindow, type RateClass } from '@/lib/config/rate-limits';
import type { RequestContext } from '@/lib/tenancy/context';
import { appDb } from '../db';

export type Bucket = { key: string; limit: number; windowSeconds: number };
export type BucketState = Bucket & { count: number; remaining: number; resetAt: number; retryAfter: number };

/**
 * Fixed windows counted in PostgreSQL, so every app instance shares them: one atomic upsert per
 * request for all of its buckets. Windows follow the database clock, never an instance's.
 */
export async function hitBuckets(buckets: Bucket[]): Promise<BucketState[]> {
  const keys = `{${buckets.map((b) => b.key).join(',')}}`;
  const windows = `{${buckets.map((b) => b.windowSeconds).join(',')}}`;
  const rows = await appDb().execute<{ key: string; count: number; start: number; now: number }>(sql`
    insert into rate_limit_counters (key, window_start, count)
    select b.key, date_bin(make_interval(secs => b.w), now(), timestamptz '1970-01-01 00:00:00+00'), 1
    from unnest(${keys}::text[], ${windows}::int[]) as b(key, w)
    on conflict (key, window_start) do update set count = rate_limit_counters.count + 1
    returning key, count, extract(epoch from window_start)::float8 as start, extract(epoch from now())::float8 as now`);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return buckets.map((b) => {
    const r = byKey.get(b.key)!;
    const resetAt = r.start + b.windowSeconds;
    return {
      ...b,
      count: r.count,
      remaining: Math.max(0, b.limit - r.count),
      resetAt: Math.ceil(resetAt),
      retryAfter: Math.max(1, Math.ceil(resetAt - r.now)),
    };
  });
}

/**
 * The buckets one API call counts against: the caller's own budget for this class of call, with
 * the home tenant's limits (for partner staff, the partner's), and through a link also the
 * partner's budget in that managed tenant.
 */
export function bucketsFor(ctx: RequestContext, cls: RateClass): Bucket[] {
  const own = classWindow(ctx.rateLimits, cls);
  const buckets: Bucket[] = [{ key: `u:${ctx.user.id}:${cls}`, ...own }];
  if (ctx.via === 'link') {
    buckets.push({ key: `l:${ctx.homeTenant.id}:${ctx.activeTenant.id}`, limit: ctx.rateLimits.linkPerMinute, windowSeconds: 60 });
  }
  return buckets;
}

/** Housekeeping: windows end within an hour; anything two hours old is gone. */
export async function unsafePruneRateLimitCounters(): Promise<number> {
  const gone = await appDb().execute(sql`delete from rate_limit_counters where window_start < now() - interval '2 hours'`);
  return gone.count;
}

import 'server-only';
import { sql } from 'drizzle-orm';
import { classLimit, classWindowSeconds, type RateClass, type RateLimits } from '@/lib/config/rate-limits';
import { appDb } from '../db';

/** One bucket a call counts against: its key and window, and which of the limits applies to it. */
export type BucketKey = { key: string; windowSeconds: number; limitOf: (limits: RateLimits) => number };
export type BucketState = { key: string; limit: number; windowSeconds: number; count: number; remaining: number; resetAt: number; retryAfter: number };
/** What portal_hit_buckets answers per bucket: the count, its window's start and the time, in Unix seconds. */
export type BucketHit = { key: string; count: number; start: number; now: number };

/**
 * The buckets one API call counts against, known before the context is: the caller's own budget
 * for this class of call (with their home tenant's limits, for partner staff the partner's),
 * and, when the call names another tenant, the partner's budget in that tenant. A call refused
 * later (no link) has still counted; keys hold ids only.
 */
export function bucketKeys(a: { userId: string; homeTenantId: string; targetTenantId: string | null }, cls: RateClass): BucketKey[] {
  const keys: BucketKey[] = [{ key: `u:${a.userId}:${cls}`, windowSeconds: classWindowSeconds[cls], limitOf: (l) => classLimit(l, cls) }];
  if (a.targetTenantId && a.targetTenantId !== a.homeTenantId) {
    keys.push({ key: `l:${a.homeTenantId}:${a.targetTenantId}`, windowSeconds: 60, limitOf: (l) => l.linkPerMinute });
  }
  return keys;
}

/** The SQL arrays portal_hit_buckets takes. */
export const bucketArrays = (keys: readonly { key: string; windowSeconds: number }[]) => ({
  keys: `{${keys.map((k) => k.key).join(',')}}`,
  windows: `{${keys.map((k) => k.windowSeconds).join(',')}}`,
});

/** A bucket's state once its count and limit are known. */
export function bucketState(b: { key: string; windowSeconds: number; limit: number }, hit: BucketHit): BucketState {
  const resetAt = hit.start + b.windowSeconds;
  return {
    ...b,
    count: hit.count,
    remaining: Math.max(0, b.limit - hit.count),
    resetAt: Math.ceil(resetAt),
    retryAfter: Math.max(1, Math.ceil(resetAt - hit.now)),
  };
}

/** Each of a call's buckets, with the limits of the caller's home tenant. */
export function bucketStates(keys: readonly BucketKey[], hits: readonly BucketHit[], limits: RateLimits): BucketState[] {
  const byKey = new Map(hits.map((h) => [h.key, h]));
  return keys.map((k) => bucketState({ key: k.key, windowSeconds: k.windowSeconds, limit: k.limitOf(limits) }, byKey.get(k.key)!));
}

/**
 * Fixed windows counted in PostgreSQL (portal_hit_buckets, migration 0006), so every app
 * instance shares them: one atomic upsert per bucket, on the database clock. API calls count
 * inside the context statement (lib/data/context.ts); this is the same upsert on its own.
 */
export async function hitBuckets(buckets: { key: string; windowSeconds: number; limit: number }[]): Promise<BucketState[]> {
  const { keys, windows } = bucketArrays(buckets);
  const [row] = await appDb().execute<{ hits: BucketHit[] }>(sql`select portal_hit_buckets(${keys}::text[], ${windows}::int[]) as hits`);
  const byKey = new Map(row!.hits.map((h) => [h.key, h]));
  return buckets.map((b) => bucketState(b, byKey.get(b.key)!));
}

/** Housekeeping: windows end within an hour; anything two hours old is gone. */
export async function unsafePruneRateLimitCounters(): Promise<number> {
  const gone = await appDb().execute(sql`delete from rate_limit_counters where window_start < now() - interval '2 hours'`);
  return gone.count;
}

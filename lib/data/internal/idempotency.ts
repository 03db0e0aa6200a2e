import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { idempotencyKeys } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Tx } from '../tx';

/** A request's `Idempotency-Key` and a hash of what it asked (method, route, body). */
export type Idempotency = { key: string; requestHash: string };

const KEEP_HOURS = 24;
const PENDING = { pending: true };

/**
 * Stripe's rules, inside the caller's transaction: the first request with a key runs and its
 * answer is stored with the key (same transaction, so a rolled-back request stores nothing and
 * may be retried); the same key with the same request returns that first answer; with another
 * request it is 422. A second request racing the first waits on the key's row until the first
 * commits. Keys are per user and kept 24 hours.
 */
export async function idempotent<T>(tx: Tx, scope: { tenantId: string; userId: string }, idem: Idempotency | undefined, run: () => Promise<T>): Promise<T> {
  if (!idem) return run();
  const mine = and(eq(idempotencyKeys.tenantId, scope.tenantId), eq(idempotencyKeys.userId, scope.userId), eq(idempotencyKeys.key, idem.key));
  await tx.delete(idempotencyKeys).where(and(mine, sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${KEEP_HOURS})`));
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ tenantId: scope.tenantId, userId: scope.userId, key: idem.key, requestHash: idem.requestHash, response: PENDING })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [first] = await tx.select().from(idempotencyKeys).where(mine);
    if (!first) throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still running; retry shortly.');
    if (first.requestHash !== idem.requestHash) {
      throw new AppError('VALIDATION_ERROR', 'This Idempotency-Key was already used with a different request.', { fieldErrors: { 'header.Idempotency-Key': ['Already used with a different request; use a new key.'] } });
    }
    return first.response as T;
  }
  const result = await run();
  await tx.update(idempotencyKeys).set({ response: result as object }).where(mine);
  return result;
}

/** Keys older than a day (the pruning job). */
export async function pruneIdempotencyKeys(tx: Tx, tenantId: string): Promise<number> {
  const gone = await tx
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, tenantId), sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${KEEP_HOURS})`))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}

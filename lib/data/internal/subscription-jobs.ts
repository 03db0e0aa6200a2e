import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import { appDb } from '../db';
import { runGraceExpiry, runPeriodEnds } from '../subscriptions';
import { inTenantScope } from '../tx';
import { pruneIdempotencyKeys } from './idempotency';

// The subscription jobs on the pg-boss queue: each tenant in its own scope and transaction, so
// one tenant's failure leaves the others done. Both are safe to run twice (see each function).

async function activeTenants() {
  return appDb().select({ id: tenants.id, name: tenants.name }).from(tenants).where(eq(tenants.status, 'active'));
}

/** Suspended subscriptions past their tenant's grace period end. */
export async function unsafeRunSubscriptionGrace(): Promise<{ ended: number }> {
  let ended = 0;
  for (const t of await activeTenants()) ended += await inTenantScope({ tenantId: t.id }, (tx) => runGraceExpiry(tx, t));
  return { ended };
}

/** Periods that are over: scheduled cancels and discontinued plans end, switches waiting for them start, the rest renew; old idempotency keys go. */
export async function unsafeRunSubscriptionPeriods(): Promise<{ ended: number; started: number; renewed: number; keysPruned: number }> {
  const total = { ended: 0, started: 0, renewed: 0, keysPruned: 0 };
  for (const t of await activeTenants()) {
    await inTenantScope({ tenantId: t.id }, async (tx) => {
      const r = await runPeriodEnds(tx, t);
      total.ended += r.ended;
      total.started += r.started;
      total.renewed += r.renewed;
      total.keysPruned += await pruneIdempotencyKeys(tx, t.id);
    });
  }
  return total;
}

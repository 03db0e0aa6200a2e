import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import { appDb } from '../db';
import { runBillingBatch, runDunning } from '../billing';
import { inTenantScope } from '../tx';

// The billing jobs on the pg-boss queue: each tenant in its own scope, each batch its own
// transaction (a crash leaves whole invoices or none). Both are safe to run any number of times.

async function activeTenants() {
  return appDb().select({ id: tenants.id, name: tenants.name }).from(tenants).where(eq(tenants.status, 'active'));
}

/** Invoices every period that has none, tenant by tenant, 500 at a time. */
export async function unsafeRunBilling(): Promise<{ created: number }> {
  let created = 0;
  for (const t of await activeTenants()) {
    for (let full = true; full; ) {
      const batch = await inTenantScope({ tenantId: t.id }, (tx) => runBillingBatch(tx, t));
      created += batch.created;
      full = batch.full && batch.created > 0;
    }
  }
  return { created };
}

/** The dunning ladder over every tenant's open invoices. */
export async function unsafeRunDunning(): Promise<{ steps: number; notices: number }> {
  const total = { steps: 0, notices: 0 };
  for (const t of await activeTenants()) {
    const r = await inTenantScope({ tenantId: t.id }, (tx) => runDunning(tx, t));
    total.steps += r.steps;
    total.notices += r.notices;
  }
  return total;
}

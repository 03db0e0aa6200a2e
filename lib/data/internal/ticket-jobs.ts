import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import { appDb } from '../db';
import { runAlertScan } from '../alerts';
import { runAutoClose } from '../tickets';
import { inTenantScope } from '../tx';

/** Resolved tickets past each tenant's auto-close time close; each tenant in its own scope and transaction. */
export async function unsafeRunTicketAutoClose(): Promise<{ closed: number }> {
  let closed = 0;
  const active = await appDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.status, 'active'));
  for (const t of active) closed += await inTenantScope({ tenantId: t.id }, (tx) => runAutoClose(tx, t));
  return { closed };
}

/**
 * The breach scan (every minute): each active tenant in its own scope and transaction, so a scan
 * killed half-way has committed whole tenants only, and a rerun raises nothing twice.
 */
export async function unsafeRunAlertScan(now = new Date()): Promise<{ tenants: number; tickets: number; raised: number; repeated: number }> {
  const out = { tenants: 0, tickets: 0, raised: 0, repeated: 0 };
  const active = await appDb().select({ id: tenants.id, name: tenants.name }).from(tenants).where(eq(tenants.status, 'active'));
  for (const t of active) {
    const r = await inTenantScope({ tenantId: t.id }, (tx) => runAlertScan(tx, t, now));
    out.tenants += 1;
    out.tickets += r.tickets;
    out.raised += r.raised;
    out.repeated += r.repeated;
  }
  return out;
}

import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import { appDb } from '../db';
import { runAutoClose } from '../tickets';
import { inTenantScope } from '../tx';

/** Resolved tickets past each tenant's auto-close time close; each tenant in its own scope and transaction. */
export async function unsafeRunTicketAutoClose(): Promise<{ closed: number }> {
  let closed = 0;
  const active = await appDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.status, 'active'));
  for (const t of active) closed += await inTenantScope({ tenantId: t.id }, (tx) => runAutoClose(tx, t));
  return { closed };
}

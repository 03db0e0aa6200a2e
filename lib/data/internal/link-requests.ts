import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { partnerTenantLinks } from '@/db/schema';
import { recordSystemAudit } from '../audit';
import { REQUEST_TTL_DAYS } from '../links';
import { inTenantScope } from '../tx';
import { unsafeListActiveTenantIds } from './registry';

/** The expiry job: closes link requests that the managed tenant left unanswered for 30 days. */
export async function unsafeExpireLinkRequests(): Promise<number> {
  let expired = 0;
  for (const tenantId of await unsafeListActiveTenantIds()) {
    expired += await inTenantScope({ tenantId }, async (tx) => {
      const closed = await tx
        .update(partnerTenantLinks)
        .set({ status: 'rejected', decidedAt: sql`now()`, updatedAt: sql`now()`, notes: sql`coalesce(${partnerTenantLinks.notes} || ' ', '') || '[request expired]'` })
        .where(
          and(
            eq(partnerTenantLinks.managedTenantId, tenantId),
            eq(partnerTenantLinks.status, 'requested'),
            lt(partnerTenantLinks.createdAt, sql`now() - make_interval(days => ${REQUEST_TTL_DAYS})`),
          ),
        )
        .returning({ id: partnerTenantLinks.id });
      for (const link of closed) {
        await recordSystemAudit(tx, tenantId, { action: 'link.request_expired', resourceType: 'link', resourceId: link.id });
      }
      return closed.length;
    });
  }
  return expired;
}

import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import { tickets, users } from '@/db/schema';
import { ticketStatuses, userTypes } from '@/lib/config/enums';
import type { ManagedTenantCard, TenantNumbers } from '@/lib/validation/overview';
import { assertHomeCan, can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { auditLinkRead } from './audit';
import { enabledFeatures } from './features';
import { actingContexts, listPartnerCustomers } from './tenancy';
import { withTenant } from './tx';

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The active tenant's key numbers, in one transaction; through a link the read is audited. */
export async function tenantNumbers(ctx: RequestContext): Promise<TenantNumbers> {
  const readUsers = can(ctx, 'users.read');
  const readTickets = can(ctx, 'tickets.read') && (await enabledFeatures(ctx)).has('tickets');
  if (!readUsers && !readTickets) return { users: null, tickets: null };
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [userRows, ticketRows] = await Promise.all([
      readUsers ? tx.select({ key: users.type, n: count() }).from(users).where(eq(users.tenantId, tenantId)).groupBy(users.type) : null,
      readTickets ? tx.select({ key: tickets.status, n: count() }).from(tickets).where(and(eq(tickets.tenantId, tenantId))).groupBy(tickets.status) : null,
    ]);
    await auditLinkRead(tx, ctx, { action: 'overview.read', resourceType: 'tenant', resourceId: tenantId });
    const byType = { ...zeroes(userTypes), ...Object.fromEntries((userRows ?? []).map((r) => [r.key, r.n])) };
    const byStatus = { ...zeroes(ticketStatuses), ...Object.fromEntries((ticketRows ?? []).map((r) => [r.key, r.n])) };
    return {
      users: userRows ? { total: userRows.reduce((a, r) => a + r.n, 0), byType } : null,
      tickets: ticketRows ? { open: byStatus.open + byStatus.pending, byStatus } : null,
    };
  });
}

/**
 * A partner's managed tenants as cards: every approved link with its state, and for the tenants
 * the partner can act in now, that tenant's numbers read through the link (so what the link's
 * role does not grant is absent, and each read is audited in the managed tenant).
 */
export async function managedTenantCards(ctx: RequestContext): Promise<ManagedTenantCard[]> {
  assertHomeCan(ctx, 'partner.tenants.list');
  const links = await listPartnerCustomers(ctx);
  const contexts = await actingContexts(ctx, { links });
  const numbers = new Map(await Promise.all(contexts.map(async (c) => [c.activeTenant.id, await tenantNumbers(c)] as const)));
  return links.map((l) => ({ ...l, numbers: numbers.get(l.tenantId) ?? null }));
}

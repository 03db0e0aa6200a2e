import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import { partnerTenantLinks, tenants } from '@/db/schema';
import { assertCan, can } from '@/lib/rbac';
import type { LinkAccessRole } from '@/lib/config/enums';
import { isLive, linkState, type LinkState, type RequestContext } from '@/lib/tenancy/context';
import { withHomeTenant } from './tx';

export type ManagedTenantDto = {
  tenantId: string;
  slug: string;
  name: string;
  tenantStatus: 'active' | 'stopped';
  link: {
    id: string;
    accessRole: LinkAccessRole;
    relationshipType: string;
    startsAt: string;
    endsAt: string | null;
    state: LinkState;
  };
};

async function managedLinks(ctx: RequestContext): Promise<ManagedTenantDto[]> {
  const home = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const rows = await tx
      .select({
        tenantId: tenants.id,
        slug: tenants.slug,
        name: tenants.name,
        tenantStatus: tenants.status,
        id: partnerTenantLinks.id,
        accessRole: partnerTenantLinks.accessRole,
        relationshipType: partnerTenantLinks.relationshipType,
        status: partnerTenantLinks.status,
        startsAt: partnerTenantLinks.startsAt,
        endsAt: partnerTenantLinks.endsAt,
      })
      .from(partnerTenantLinks)
      .innerJoin(tenants, eq(tenants.id, partnerTenantLinks.managedTenantId))
      .where(and(eq(partnerTenantLinks.partnerTenantId, home), ne(partnerTenantLinks.status, 'rejected')))
      .orderBy(asc(tenants.name), asc(partnerTenantLinks.startsAt));
    return rows.map((r) => ({
      tenantId: r.tenantId,
      slug: r.slug,
      name: r.name,
      tenantStatus: r.tenantStatus,
      link: {
        id: r.id,
        accessRole: r.accessRole,
        relationshipType: r.relationshipType,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt?.toISOString() ?? null,
        state: linkState(r),
      },
    }));
  });
}

/** The tenants the caller's partner manages, with each link's role, dates and state. */
export async function listPartnerCustomers(ctx: RequestContext): Promise<ManagedTenantDto[]> {
  assertCan(ctx, 'partner.tenants.list');
  return managedLinks(ctx);
}

/** What the header selector offers: tenants reachable right now through a live link. */
export async function listReachableTenants(ctx: RequestContext): Promise<ManagedTenantDto[]> {
  if (!can(ctx, 'partner.tenants.switch_context')) return [];
  const links = await managedLinks(ctx);
  return links.filter((l) => l.tenantStatus === 'active' && isLive(l.link.state));
}

/**
 * What the tenant switcher lists: every tenant the caller's partner holds an approved link to,
 * live or not (expired and not-yet-started links are shown disabled with their dates).
 */
export async function listSwitchableTenants(ctx: RequestContext): Promise<ManagedTenantDto[]> {
  if (!can(ctx, 'partner.tenants.switch_context')) return [];
  const links = await managedLinks(ctx);
  return links.filter((l) => ['active', 'expiring', 'expired', 'not_started'].includes(l.link.state));
}

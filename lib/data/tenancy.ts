import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import { partnerTenantLinks, tenants } from '@/db/schema';
import { assertCan, can } from '@/lib/rbac';
import { isLive, linkState, type RequestContext, type RequestMeta } from '@/lib/tenancy/context';
import type { ManagedTenantDto } from '@/lib/validation/overview';
import { AppError } from '@/lib/errors';
import { resolveContext, resolveKeyContext, type AuthClaims } from './context';
import { withHomeTenant } from './tx';

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

/**
 * The request contexts of the managed tenants the caller can act in now, each resolved exactly as
 * a request with that tenant chosen would be (session, live link, tenant status re-checked in
 * the database): the All-tenants mode and the partner's overview run their reads through these,
 * one tenant at a time, each with its own RLS scope and its own audit rows. `links`: the
 * partner's links, when the caller has read them already. A tenant whose link ends between the
 * two reads is left out, never read.
 */
export async function actingContexts(ctx: RequestContext, opts: { links?: ManagedTenantDto[] } = {}): Promise<RequestContext[]> {
  if (ctx.via !== 'home' || !can(ctx, 'partner.tenants.switch_context')) return [];
  // A caller that has read the partner's links already passes them (one query, not two).
  const links = opts.links ?? (await managedLinks(ctx));
  const reachable = links.filter((t) => t.tenantStatus === 'active' && isLive(t.link.state));
  const contexts = await Promise.all(
    reachable.map((t) =>
      resolveAgain(ctx, { id: t.tenantId }).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 403) return null;
        throw error;
      }),
    ),
  );
  return contexts.filter((c): c is RequestContext => c !== null);
}

export type EndedAccess = { tenant: string; reason: string; home: { slug: string; name: string } };

/**
 * When a page or write for `slug` was refused: whether the caller's partner held a link there
 * that has ended (revoked, expired, or the tenant stopped), so the refusal can name the tenant
 * ("Your access to Northwind Fiber ended"). The partner's own links are no secret to it (its
 * Links page lists them); for any other tenant this is null and the refusal stays the uniform
 * one.
 */
export async function endedAccess(claims: AuthClaims, slug: string, meta: RequestMeta): Promise<EndedAccess | null> {
  const ctx = await resolveContext(claims, null, meta).catch(() => null);
  if (!ctx || !can(ctx, 'partner.tenants.switch_context')) return null;
  const links = (await managedLinks(ctx)).filter((l) => l.slug === slug);
  if (links.some((l) => l.tenantStatus === 'active' && isLive(l.link.state))) return null;
  const last = links.filter((l) => l.tenantStatus === 'stopped' || l.link.state === 'revoked' || l.link.state === 'expired').at(-1);
  if (!last) return null;
  const reason =
    last.tenantStatus === 'stopped'
      ? 'the tenant has been stopped'
      : last.link.state === 'revoked'
        ? 'the link was revoked'
        : `the link expired on ${last.link.endsAt?.slice(0, 10)}`;
  return { tenant: last.name, reason, home: { slug: ctx.homeTenant.slug, name: ctx.homeTenant.name } };
}

/**
 * The caller's context in each tenant named (their home one included), resolved afresh as a
 * request to it would be: null where they can no longer act (a link ended, a tenant stopped).
 * What a download of a cross-tenant export re-checks.
 */
export async function contextsFor(ctx: RequestContext, tenantIds: readonly string[]): Promise<Map<string, RequestContext | null>> {
  const entries = await Promise.all(
    tenantIds.map(async (id) => {
      const resolved = await resolveAgain(ctx, id === ctx.homeTenant.id ? null : { id }).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 403) return null;
        throw error;
      });
      return [id, resolved] as const;
    }),
  );
  return new Map(entries);
}

/** The caller's context in another tenant, checked afresh with the same credential: their session, or the API key they called with. */
function resolveAgain(ctx: RequestContext, target: { id: string } | null): Promise<RequestContext> {
  const meta = { requestId: ctx.requestId, ip: ctx.ip, userAgent: ctx.userAgent };
  if (ctx.apiKey) return resolveKeyContext({ keyId: ctx.apiKey.id, secretHash: ctx.apiKey.secretHash }, target, meta);
  return resolveContext({ sessionId: ctx.sessionId, userId: ctx.user.id, tenantId: ctx.homeTenant.id }, target, meta);
}

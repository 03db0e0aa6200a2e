import 'server-only';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { partnerTenantLinks, tenants } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { assertHomeCan, linkAllows } from '@/lib/rbac';
import { linkState, type RequestContext } from '@/lib/tenancy/context';
import { createLinkSchema, requestLinkSchema, type CreateLinkInput, type LinkDto, type RequestLinkInput } from '@/lib/validation/links';
import { recordAudit, recordAuditIn } from './audit';
import { emitEvent } from './internal/webhook-events';
import type { SourceEvent } from '@/lib/config/webhooks';
import { pgError } from './pg';
import { assertLinkParties, withPlatformScope, type ForeignTenantId, type PlatformScope } from './platform/scope';
import { unsafeSwitchScope, withHomeTenant, type Tx } from './tx';

// Links are managed from home: a partner admin requests, the managed tenant's admin approves or
// rejects, either side revokes. Every change is audited in both tenants.

export const REQUEST_TTL_DAYS = 30;
const partnerT = alias(tenants, 'partner_t');
const managedT = alias(tenants, 'managed_t');

function linksQuery(tx: Tx) {
  return tx
    .select({
      link: partnerTenantLinks,
      partner: { id: partnerT.id, slug: partnerT.slug, name: partnerT.name },
      managed: { id: managedT.id, slug: managedT.slug, name: managedT.name },
    })
    .from(partnerTenantLinks)
    .innerJoin(partnerT, eq(partnerT.id, partnerTenantLinks.partnerTenantId))
    .innerJoin(managedT, eq(managedT.id, partnerTenantLinks.managedTenantId));
}

type Row = Awaited<ReturnType<typeof linksQuery>>[number];

function toDto(r: Row, home: string): LinkDto {
  const l = r.link;
  const requestExpired = l.status === 'requested' && Date.now() - l.createdAt.getTime() > REQUEST_TTL_DAYS * 86_400_000;
  return {
    id: l.id,
    direction: l.partnerTenantId === home ? 'outgoing' : 'incoming',
    partner: r.partner,
    managed: r.managed,
    accessRole: l.accessRole,
    status: l.status,
    state: requestExpired ? 'request_expired' : linkState(l),
    startsAt: l.startsAt.toISOString(),
    endsAt: l.endsAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
    customPermissions: l.customPermissions,
    grants: [...linkAllows({ accessRole: l.accessRole, customPermissions: l.customPermissions }).keys()].sort(),
    slaConfig: l.slaConfig,
    alertConfig: l.alertConfig,
    notes: l.notes,
  };
}

/** Links to and from the caller's home tenant, newest first. */
export async function listLinks(ctx: RequestContext): Promise<LinkDto[]> {
  assertHomeCan(ctx, 'links.read');
  const home = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const rows = await linksQuery(tx)
      .where(or(eq(partnerTenantLinks.partnerTenantId, home), eq(partnerTenantLinks.managedTenantId, home)))
      .orderBy(desc(partnerTenantLinks.createdAt))
      .limit(500);
    return rows.map((r) => toDto(r, home));
  });
}

/** The webhook event of a link change (both parties' endpoints get it as their own). */
const linkEvents: Record<string, SourceEvent> = { 'link.request': 'link.requested', 'link.approve': 'link.approved', 'link.reject': 'link.rejected', 'link.revoke': 'link.revoked', 'link.create': 'link.approved' };
const linkEventData = (link: { id: string; partnerTenantId: string; managedTenantId: string }) => ({ link_id: link.id, partner_tenant_id: link.partnerTenantId, managed_tenant_id: link.managedTenantId });

/** Audits a link change in the caller's home tenant and in the other party's (each with its webhook event), then returns home. */
async function auditBoth(tx: Tx, ctx: RequestContext, link: { id: string; partnerTenantId: string; managedTenantId: string }, action: string, details: Record<string, unknown> = {}) {
  await recordAudit(tx, ctx, { action, resourceType: 'link', resourceId: link.id, details });
  const event = linkEvents[action];
  if (event) await emitEvent(tx, ctx.homeTenant.id, event, linkEventData(link));
  const other = link.partnerTenantId === ctx.homeTenant.id ? link.managedTenantId : link.partnerTenantId;
  await unsafeSwitchScope(tx, other);
  await recordAuditIn(tx, ctx, other, { action, resourceType: 'link', resourceId: link.id, details });
  if (event) await emitEvent(tx, other, event, linkEventData(link));
  await unsafeSwitchScope(tx, ctx.homeTenant.id);
}

const ruleMessages: Record<string, string> = {
  links_no_self_link: 'A tenant cannot link to itself.',
  links_ends_after_starts: 'The link must end after it starts.',
  links_one_live_per_pair: 'These tenants already have a live link for that period.',
  links_one_full_manager: 'This tenant already has a live msp_full or enterprise_hq link for that period.',
  links_one_request_per_pair: 'There is already an open request between these tenants.',
  links_no_platform: 'The platform tenant takes part in no link.',
};

/** The database's link rules, answered as 422 with the rule's message. */
function linkRuleError(error: unknown): never {
  const { code, constraint } = pgError(error) ?? {};
  if ((code === '23505' || code === '23P01' || code === '23514') && constraint && ruleMessages[constraint]) {
    throw new AppError('VALIDATION_ERROR', ruleMessages[constraint], { rule: constraint });
  }
  throw error;
}

/** The terms of a link as requested or created: role, overrides, SLA and alert config, period, notes. */
function linkTerms(data: z.output<typeof requestLinkSchema>) {
  return {
    accessRole: data.accessRole,
    customPermissions: data.customPermissions as Record<string, boolean>,
    slaConfig: data.slaConfig,
    alertConfig: data.alertConfig,
    ...(data.startsAt ? { startsAt: new Date(data.startsAt) } : {}),
    endsAt: data.endsAt ? new Date(data.endsAt) : null,
    notes: data.notes ?? null,
  };
}

/** A partner admin asks another tenant (by slug) for access with a role, dates and overrides. */
export async function requestLink(ctx: RequestContext, input: RequestLinkInput): Promise<LinkDto> {
  assertHomeCan(ctx, 'links.manage');
  const data = requestLinkSchema.parse(input);
  const home = ctx.homeTenant.id;
  const id = await withHomeTenant(ctx, async (tx) => {
    const [target] = await tx
      .select({ id: tenants.id, status: tenants.status, isPlatform: tenants.isPlatform })
      .from(tenants)
      .where(eq(tenants.slug, data.managedSlug));
    if (!target || target.status !== 'active') throw notFound('Tenant');
    assertLinkParties(target, ctx.homeTenant);
    if (target.id === home) throw new AppError('VALIDATION_ERROR', ruleMessages.links_no_self_link!, { rule: 'links_no_self_link' });
    const [link] = await tx
      .insert(partnerTenantLinks)
      .values({ ...linkTerms(data), partnerTenantId: home, managedTenantId: target.id, status: 'requested', requestedBy: ctx.user.id })
      .returning()
      .catch(linkRuleError);
    await auditBoth(tx, ctx, link!, 'link.request', { accessRole: data.accessRole, customPermissions: data.customPermissions });
    return link!.id;
  });
  return getLinkOrThrow(ctx, { id });
}

export async function getLinkOrThrow(ctx: RequestContext, { id }: { id: string }): Promise<LinkDto> {
  assertHomeCan(ctx, 'links.read');
  const home = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const [row] = await linksQuery(tx).where(
      and(eq(partnerTenantLinks.id, id), or(eq(partnerTenantLinks.partnerTenantId, home), eq(partnerTenantLinks.managedTenantId, home))),
    );
    if (!row) throw notFound('Link');
    return toDto(row, home);
  });
}

/** The managed tenant's admin answers a request; an answer after 30 days is too late. */
export async function decideLink(ctx: RequestContext, { id, decision }: { id: string; decision: 'approve' | 'reject' }): Promise<LinkDto> {
  assertHomeCan(ctx, 'links.manage');
  const home = ctx.homeTenant.id;
  await withHomeTenant(ctx, async (tx) => {
    const [link] = await tx
      .select()
      .from(partnerTenantLinks)
      .where(and(eq(partnerTenantLinks.id, id), eq(partnerTenantLinks.managedTenantId, home)))
      .for('update');
    if (!link || link.status !== 'requested') throw notFound('Link request');
    assertLinkParties(ctx.homeTenant);
    if (Date.now() - link.createdAt.getTime() > REQUEST_TTL_DAYS * 86_400_000) {
      throw new AppError('VALIDATION_ERROR', `This request is older than ${REQUEST_TTL_DAYS} days and has expired.`);
    }
    await tx
      .update(partnerTenantLinks)
      .set({ status: decision === 'approve' ? 'active' : 'rejected', decidedBy: ctx.user.id, decidedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(partnerTenantLinks.id, id), eq(partnerTenantLinks.managedTenantId, home)))
      .catch(linkRuleError);
    await auditBoth(tx, ctx, link, decision === 'approve' ? 'link.approve' : 'link.reject');
  });
  return getLinkOrThrow(ctx, { id });
}

/** Either side ends a live link; access ends on the partner's next request. */
export async function revokeLink(ctx: RequestContext, { id }: { id: string }): Promise<LinkDto> {
  assertHomeCan(ctx, 'links.manage');
  const home = ctx.homeTenant.id;
  await withHomeTenant(ctx, async (tx) => {
    const [link] = await tx
      .update(partnerTenantLinks)
      .set({ status: 'revoked', revokedBy: ctx.user.id, revokedAt: sql`now()`, updatedAt: sql`now()` })
      .where(
        and(
          eq(partnerTenantLinks.id, id),
          eq(partnerTenantLinks.status, 'active'),
          or(eq(partnerTenantLinks.partnerTenantId, home), eq(partnerTenantLinks.managedTenantId, home)),
        ),
      )
      .returning();
    if (!link) throw notFound('Link');
    await auditBoth(tx, ctx, link, 'link.revoke');
  });
  return getLinkOrThrow(ctx, { id });
}

/** Emergency stop for a partner: every live link it holds ends now. */
export async function revokeAllLinks(ctx: RequestContext): Promise<{ revoked: number }> {
  assertHomeCan(ctx, 'links.manage');
  const home = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const links = await tx
      .update(partnerTenantLinks)
      .set({ status: 'revoked', revokedBy: ctx.user.id, revokedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(partnerTenantLinks.partnerTenantId, home), inArray(partnerTenantLinks.status, ['active'])))
      .returning();
    await recordAudit(tx, ctx, { action: 'link.revoke_all', resourceType: 'link', details: { revoked: links.map((l) => l.id) } });
    for (const link of links) await auditBoth(tx, ctx, link, 'link.revoke', { revokeAll: true });
    return { revoked: links.length };
  });
}

// Platform operators: links of any tenant, created directly (onboarding, no request step) and
// revoked from the registry. Each change is audited in the platform and in both parties.

async function auditPlatformLink(
  p: PlatformScope,
  ctx: RequestContext,
  link: { id: string; partnerTenantId: string; managedTenantId: string },
  action: string,
  details: Record<string, unknown> = {},
) {
  const event = linkEvents[action];
  for (const tenantId of [link.partnerTenantId, link.managedTenantId]) {
    await p.enter({ id: tenantId });
    await recordAuditIn(p.tx, ctx, tenantId, { action, resourceType: 'link', resourceId: link.id, details }, 'platform');
    if (event) await emitEvent(p.tx, tenantId, event, linkEventData(link));
  }
  await p.home();
  await recordAudit(p.tx, ctx, { action, resourceType: 'link', resourceId: link.id, details });
}

/** Every link to or from one tenant, for the platform's registry page. */
export async function listTenantLinks(ctx: RequestContext, { tenantId }: ForeignTenantId): Promise<LinkDto[]> {
  return withPlatformScope(ctx, 'platform.tenants.read', async ({ tx, enter }) => {
    const tenant = await enter({ id: tenantId });
    const rows = await linksQuery(tx)
      .where(or(eq(partnerTenantLinks.partnerTenantId, tenant.id), eq(partnerTenantLinks.managedTenantId, tenant.id)))
      .orderBy(desc(partnerTenantLinks.createdAt))
      .limit(500);
    return rows.map((r) => toDto(r, tenant.id));
  });
}

/** One link as a party sees it, read back after a platform write in the same transaction. */
async function readTenantLink(p: PlatformScope, tenantId: string, linkId: string): Promise<LinkDto> {
  await p.enter({ id: tenantId });
  const [row] = await linksQuery(p.tx).where(eq(partnerTenantLinks.id, linkId));
  return toDto(row!, tenantId);
}

/** The platform links a partner to a managed tenant at once, live from its start date. */
export async function createLinkDirect(
  ctx: RequestContext,
  { partnerTenantId, link: input }: { partnerTenantId: string; link: CreateLinkInput },
): Promise<LinkDto> {
  const data = createLinkSchema.parse(input);
  return withPlatformScope(ctx, 'platform.links.manage', async (p) => {
    const partner = await p.find({ id: partnerTenantId });
    const managed = await p.find({ slug: data.managedSlug });
    if (!partner || !managed) throw notFound('Tenant');
    assertLinkParties(partner, managed);
    if (partner.status !== 'active' || managed.status !== 'active') throw new AppError('VALIDATION_ERROR', 'Both tenants must be active.');
    if (partner.id === managed.id) throw new AppError('VALIDATION_ERROR', ruleMessages.links_no_self_link!, { rule: 'links_no_self_link' });
    await p.enter({ id: partner.id });
    const [link] = await p.tx
      .insert(partnerTenantLinks)
      .values({
        ...linkTerms(data),
        partnerTenantId: partner.id,
        managedTenantId: managed.id,
        status: 'active',
        requestedBy: ctx.user.id,
        decidedBy: ctx.user.id,
        decidedAt: sql`now()`,
      })
      .returning()
      .catch(linkRuleError);
    await auditPlatformLink(p, ctx, link!, 'link.create', { accessRole: data.accessRole, customPermissions: data.customPermissions, startsAt: link!.startsAt, endsAt: link!.endsAt });
    return readTenantLink(p, partner.id, link!.id);
  });
}

/** The platform ends any link (live or requested); access ends on the partner's next request. */
export async function platformRevokeLink(ctx: RequestContext, { tenantId, linkId }: ForeignTenantId & { linkId: string }): Promise<LinkDto> {
  return withPlatformScope(ctx, 'platform.links.manage', async (p) => {
    const tenant = await p.enter({ id: tenantId });
    const [link] = await p.tx
      .update(partnerTenantLinks)
      .set({
        status: sql`case when ${partnerTenantLinks.status} = 'requested' then 'rejected'::link_status else 'revoked'::link_status end`,
        revokedBy: ctx.user.id,
        revokedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(partnerTenantLinks.id, linkId),
          inArray(partnerTenantLinks.status, ['requested', 'active']),
          or(eq(partnerTenantLinks.partnerTenantId, tenant.id), eq(partnerTenantLinks.managedTenantId, tenant.id)),
        ),
      )
      .returning();
    if (!link) throw notFound('Link');
    await auditPlatformLink(p, ctx, link, 'link.revoke');
    return readTenantLink(p, tenant.id, link.id);
  });
}

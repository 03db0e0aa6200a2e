import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { applyTenantScope } from '@/db/scope';
import { partnerTenantLinks, tenants } from '@/db/schema';
import type { AlertConfig, SlaConfig } from '@/db/schema/links';
import { AppError } from '@/lib/errors';
import { effectivePermissions, type TenantPermission } from '@/lib/rbac';
import { actorLabelOf, type RequestContext } from '@/lib/tenancy/context';
import { inTenantScope, type Tx } from './tx';

// Reads across every tenant a partner's staff member may read one area of (All tenants: billing,
// the ticket board, alerts, reports): their home tenant when their own roles hold the permission,
// and each managed tenant whose live link grants it, in one transaction whose RLS scope is
// narrowed to exactly those tenants, with an audit row in each tenant read through a link.

export type TenantRef = { id: string; slug: string; name: string };
/** A tenant the caller reads; `link` is null for their home tenant. */
export type Readable = TenantRef & {
  linkId: string | null;
  link: { sla: SlaConfig; alerts: AlertConfig } | null;
  /** What the caller may do there: their own roles at home, the link's effective permissions elsewhere. */
  permissions: ReadonlySet<string>;
};

export const ref = ({ id, slug, name }: TenantRef): TenantRef => ({ id, slug, name });

/** What a consolidated read reads: the tenant permission each tenant must grant, and its words for errors and audit rows. */
export type Area = { permission: TenantPermission; noun: string; resourceType: string };

/**
 * The tenants the caller reads `area` in, read in the transaction given (one statement): their
 * home tenant when their roles there hold the permission, and each managed tenant whose live
 * link (started, not ended, the tenant active) grants it, by the same rule a request through that
 * link gets (lib/rbac/effective.ts). `tenantIds` outside that set is 403 TENANT_ACCESS_DENIED
 * naming them.
 */
export async function readableTenants(tx: Tx, ctx: RequestContext, area: Area, tenantIds?: readonly string[]): Promise<Readable[]> {
  const home = ctx.homeTenant;
  const all: Readable[] = ctx.homePermissions.has(area.permission) ? [{ id: home.id, slug: home.slug, name: home.name, linkId: null, link: null, permissions: ctx.homePermissions }] : [];
  if (ctx.homePermissions.has('partner.tenants.switch_context')) {
    const links = await tx
      .select({
        linkId: partnerTenantLinks.id,
        accessRole: partnerTenantLinks.accessRole,
        customPermissions: partnerTenantLinks.customPermissions,
        sla: partnerTenantLinks.slaConfig,
        alerts: partnerTenantLinks.alertConfig,
        id: tenants.id,
        slug: tenants.slug,
        name: tenants.name,
      })
      .from(partnerTenantLinks)
      .innerJoin(tenants, eq(tenants.id, partnerTenantLinks.managedTenantId))
      .where(
        and(
          eq(partnerTenantLinks.partnerTenantId, home.id),
          eq(partnerTenantLinks.status, 'active'),
          sql`${partnerTenantLinks.startsAt} <= now()`,
          sql`(${partnerTenantLinks.endsAt} is null or ${partnerTenantLinks.endsAt} > now())`,
          eq(tenants.status, 'active'),
        ),
      )
      .orderBy(tenants.name);
    for (const l of links) {
      const effective = effectivePermissions(ctx.homePermissions, { accessRole: l.accessRole, customPermissions: l.customPermissions });
      if (effective.has(area.permission)) all.push({ id: l.id, slug: l.slug, name: l.name, linkId: l.linkId, link: { sla: l.sla, alerts: l.alerts }, permissions: new Set(effective.keys()) });
    }
  }
  if (!tenantIds) return all;
  const known = new Set(all.map((t) => t.id));
  const denied = tenantIds.filter((id) => !known.has(id));
  if (denied.length > 0) throw new AppError('TENANT_ACCESS_DENIED', `You cannot see ${area.noun} of tenant${denied.length > 1 ? 's' : ''} ${denied.join(', ')}.`, { tenantIds: denied });
  return all.filter((t) => tenantIds.includes(t.id));
}

/**
 * A consolidated read in one transaction: the readable tenants (one statement), then the read
 * with RLS narrowed to exactly those tenants, and one audit call that writes a row in each
 * tenant read through a link (portal_audit_link_reads, which re-checks every link is live): its
 * own statement, or, with `readAudits`, inside one of the read's statements, run once before
 * that statement reads anything (`from (select audit) a left join lateral (read) on true`).
 * The partner's view whatever tenant the request acts in: X-Active-Tenant-Id does not narrow it.
 */
export async function consolidatedRead<T>(
  ctx: RequestContext,
  area: Area,
  tenantIds: readonly string[] | undefined,
  action: string,
  read: (tx: Tx, tenants: Readable[], audit?: SQL) => Promise<T>,
  /** The read writes the audit itself, in one of its statements (the call it is given). */
  readAudits = false,
): Promise<{ tenants: Readable[]; result: T }> {
  const scope = { tenantId: ctx.homeTenant.id, userId: ctx.user.id };
  return inTenantScope(scope, async (tx) => {
    const chosen = await readableTenants(tx, ctx, area, tenantIds);
    // Nothing to read: a scope of the home tenant alone, and the queries ask for `tenant_id in ()`.
    await applyTenantScope(tx, { ...scope, readTenantIds: chosen.length > 0 ? chosen.map((t) => t.id) : [ctx.homeTenant.id] });
    const links = chosen.flatMap((t) => (t.linkId ? [t.linkId] : []));
    const audit =
      links.length > 0
        ? sql`portal_audit_link_reads(${`{${links.join(',')}}`}::uuid[], ${ctx.user.id}::uuid, ${actorLabelOf(ctx)}, ${ctx.requestId}, ${ctx.ip}::inet, ${ctx.userAgent}, ${action}, ${area.resourceType}, ${JSON.stringify({ consolidated: true })}::jsonb)`
        : undefined;
    if (readAudits) return { tenants: chosen, result: await read(tx, chosen, audit) };
    const [result] = await Promise.all([read(tx, chosen), audit ? tx.execute(sql`select ${audit}`) : Promise.resolve(null)]);
    return { tenants: chosen, result };
  });
}

import 'server-only';
import { and, eq } from 'drizzle-orm';
import { roles, userRoles } from '@/db/schema';
import { assertCan, assertHomeCan, can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import type { ManagedTenantDto } from '@/lib/validation/overview';
import { listReachableTenants, listSwitchableTenants } from './tenancy';
import { withHomeTenant } from './tx';

/** Who the caller is, where they act, what they may do there, and where else they may go. */
export async function describeMe(ctx: RequestContext) {
  assertCan(ctx, 'account.read');
  const reachable = await listReachableTenants(ctx);
  return {
    user: ctx.user,
    homeTenant: ctx.homeTenant,
    activeTenant: ctx.activeTenant,
    via: ctx.via,
    link: ctx.link,
    permissions: [...ctx.permissions.keys()].sort(),
    reachableTenants: reachable.map((t) => ({
      tenantId: t.tenantId,
      slug: t.slug,
      name: t.name,
      accessRole: t.link.accessRole,
      endsAt: t.link.endsAt,
    })),
  };
}

export type MyAccessDto = {
  home: { slug: string; name: string; roles: { key: string; name: string }[] };
  links: ManagedTenantDto[];
  partnerRoles: boolean;
};

/**
 * The "My access" page: the user's roles at home, and every tenant their partner holds an
 * approved link to (live, expired or not started), with the link that grants it and its dates.
 */
export async function describeMyAccess(ctx: RequestContext): Promise<MyAccessDto> {
  assertHomeCan(ctx, 'account.read');
  const [roleRows, links] = await Promise.all([
    withHomeTenant(ctx, (tx) =>
      tx
        .select({ key: roles.key, name: roles.name })
        .from(userRoles)
        .innerJoin(roles, and(eq(roles.tenantId, userRoles.tenantId), eq(roles.id, userRoles.roleId)))
        .where(and(eq(userRoles.tenantId, ctx.homeTenant.id), eq(userRoles.userId, ctx.user.id)))
        .orderBy(roles.name),
    ),
    listSwitchableTenants(ctx),
  ]);
  return {
    home: { slug: ctx.homeTenant.slug, name: ctx.homeTenant.name, roles: roleRows },
    links,
    partnerRoles: can(ctx, 'partner.tenants.switch_context'),
  };
}

import 'server-only';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { listReachableTenants } from './tenancy';

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

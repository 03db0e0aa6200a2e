import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import { applyTenantScope } from '@/db/scope';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { assertCan, type PlatformPermission } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { inTenantScope, type Tx } from '../tx';

/**
 * An id of some other tenant, given by the caller (a URL, a form). A function whose options
 * carry one reaches into that tenant only through `PlatformScope.enter`, which proves the
 * caller is a platform operator and the tenant exists before any query uses the id.
 */
export type ForeignTenantId = { tenantId: string };

export type RegistryTenant = { id: string; slug: string; name: string; status: 'active' | 'stopped'; isPlatform: boolean };

export type PlatformScope = {
  tx: Tx;
  /** A registry entry (by id or slug) without moving the scope; null when there is none. */
  find(target: { id: string } | { slug: string }): Promise<RegistryTenant | null>;
  /** Proves the tenant is registered (404 otherwise) and moves the transaction into its scope. */
  enter(target: { id: string } | { slug: string }): Promise<RegistryTenant>;
  /** Moves the transaction back to the platform tenant's own scope (its audit trail). */
  home(): Promise<void>;
};

/** Platform operators act from the platform tenant itself, never through a link, and only with a platform permission. */
export function assertPlatformHome(ctx: RequestContext, permission: PlatformPermission): void {
  assertCan(ctx, permission);
  if (ctx.via !== 'home' || !ctx.homeTenant.isPlatform) throw forbidden(permission);
}

/**
 * The one way platform code reaches into tenants: one transaction that starts in the platform
 * tenant's scope, after assertPlatformHome. Every move into another tenant goes through
 * `enter`, so the tenant id a caller gave is proven before it is used.
 */
export async function withPlatformScope<T>(
  ctx: RequestContext,
  permission: PlatformPermission,
  fn: (p: PlatformScope) => Promise<T>,
): Promise<T> {
  assertPlatformHome(ctx, permission);
  const homeId = ctx.homeTenant.id;
  return inTenantScope({ tenantId: homeId, userId: ctx.user.id }, async (tx) => {
    const find = async (target: { id: string } | { slug: string }) => {
      const [row] = await tx
        .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status, isPlatform: tenants.isPlatform })
        .from(tenants)
        .where('id' in target ? eq(tenants.id, target.id) : eq(tenants.slug, target.slug));
      return row ?? null;
    };
    const scope: PlatformScope = {
      tx,
      find,
      enter: async (target) => {
        const tenant = await find(target);
        if (!tenant) throw notFound('Tenant');
        await applyTenantScope(tx, { tenantId: tenant.id });
        return tenant;
      },
      home: () => applyTenantScope(tx, { tenantId: homeId }),
    };
    return fn(scope);
  });
}

/** The platform tenant is no party to any link, whichever path creates one. */
export function assertLinkParties(...parties: { isPlatform: boolean }[]): void {
  if (parties.some((p) => p.isPlatform)) {
    throw new AppError('VALIDATION_ERROR', 'The platform tenant takes part in no link.', { rule: 'links_no_platform' });
  }
}

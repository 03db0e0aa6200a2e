import { forbidden } from '@/lib/errors';
import type { RequestContext } from '@/lib/tenancy/context';
import type { Permission } from '@/lib/config/permissions';

const HOME_ONLY = ['account.', 'partner.', 'platform.'];

/** The only permission check. */
export function can(ctx: Pick<RequestContext, 'permissions' | 'homePermissions' | 'via'>, permission: Permission): boolean {
  // account.*, partner.* and platform.* are held at home, whichever tenant the user acts in.
  if (HOME_ONLY.some((prefix) => permission.startsWith(prefix))) {
    return ctx.homePermissions.has(permission);
  }
  return ctx.permissions.has(permission);
}

export function assertCan(ctx: Pick<RequestContext, 'permissions' | 'homePermissions' | 'via'>, permission: Permission): void {
  if (!can(ctx, permission)) throw forbidden(permission);
}

/**
 * For what exists only in the caller's own tenant (links, partner access): the permission, and
 * acting at home. Through a link it is refused even if a role somehow carried it.
 */
export function assertHomeCan(ctx: Pick<RequestContext, 'permissions' | 'homePermissions' | 'via'>, permission: Permission): void {
  assertCan(ctx, permission);
  if (ctx.via !== 'home') throw forbidden(permission);
}

import type { LinkAccessRole } from '@/lib/config/enums';
import { linkRoleGrants, partnerCoverage } from './link-roles';
import { isPermission, type Permission, type TenantPermission } from '@/lib/config/permissions';

export type LinkGrant = { accessRole: LinkAccessRole; customPermissions: Record<string, boolean> };

export type PermissionSource =
  | { kind: 'role' }
  | { kind: 'link'; accessRole: LinkAccessRole; coveredBy: string }
  | { kind: 'override'; coveredBy: string };

/** What the link itself allows: the access role's set minus custom denies (plus grants on delegate). */
export function linkAllows(link: LinkGrant): Map<TenantPermission, 'link' | 'override'> {
  const allowed = new Map<TenantPermission, 'link' | 'override'>();
  for (const p of linkRoleGrants[link.accessRole]) allowed.set(p, 'link');
  for (const [key, value] of Object.entries(link.customPermissions)) {
    if (!isPermission(key) || !(key in partnerCoverage)) continue;
    const perm = key as TenantPermission;
    if (value === false) allowed.delete(perm);
    else if (value === true && link.accessRole === 'delegate') allowed.set(perm, 'override');
  }
  return allowed;
}

/**
 * Effective permissions in the active tenant. At home: what the roles grant. Through a link: a
 * tenant permission only if the link allows it AND one of the staff member's home partner.*
 * permissions covers it; nothing at all without partner.tenants.switch_context.
 */
export function effectivePermissions(
  homePermissions: ReadonlySet<string>,
  link: LinkGrant | null,
): Map<Permission, PermissionSource> {
  const out = new Map<Permission, PermissionSource>();
  if (!link) {
    for (const p of homePermissions) if (isPermission(p)) out.set(p, { kind: 'role' });
    return out;
  }
  if (!homePermissions.has('partner.tenants.switch_context')) return out;
  for (const [perm, origin] of linkAllows(link)) {
    const coveredBy = partnerCoverage[perm]?.find((p) => homePermissions.has(p));
    if (!coveredBy) continue;
    out.set(perm, origin === 'link' ? { kind: 'link', accessRole: link.accessRole, coveredBy } : { kind: 'override', coveredBy });
  }
  return out;
}

import { rolePermissions, roles } from './schema';
import { builtInRoles, platformAdminExtras } from '../lib/config/roles';
import type { Tx } from './client';

/** Creates a tenant's built-in roles; returns role ids by key. The caller sets the tenant scope. */
export async function createBuiltInRoles(tx: Tx, tenantId: string, opts: { platform: boolean }) {
  const created = await tx
    .insert(roles)
    .values(builtInRoles.map((r) => ({ tenantId, key: r.key, name: r.name, description: r.description, builtIn: true })))
    .returning({ id: roles.id, key: roles.key });
  const ids = new Map(created.map((r) => [r.key, r.id]));
  const rows = builtInRoles.flatMap((r) => {
    const perms = r.key === 'admin' && opts.platform ? [...r.permissions, ...platformAdminExtras] : r.permissions;
    return perms.map((permission) => ({ tenantId, roleId: ids.get(r.key)!, permission }));
  });
  await tx.insert(rolePermissions).values(rows);
  return ids;
}

import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { partnerTenantLinks, rolePermissions, roles, tenants, userRoles, users } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { assertCan, can, effectivePermissions, partnerPermissions, platformPermissions, tenantPermissions, type Permission } from '@/lib/rbac';
import { linkState, isLive, type RequestContext } from '@/lib/tenancy/context';
import {
  createRoleSchema,
  setUserRolesSchema,
  updateRoleSchema,
  type CreateRoleInput,
  type EffectivePermissionsDto,
  type RoleDto,
  type UpdateRoleInput,
} from '@/lib/validation/roles';
import { auditLinkRead, recordAudit } from './audit';
import { pgErrorCode } from './pg';
import { withTenant, type Tx } from './tx';

// Roles are the active tenant's: built-in ones (editable, never deletable; admin keeps every
// permission) and custom ones. Nobody grants a permission they do not hold, and nobody edits a
// role or a user's roles beyond their own permissions, so roles.write is never a way up (or a
// way to demote someone more powerful). Every change is audited with before and after.

const ADMIN_KEY = 'admin';

/** The permissions a role in this tenant may hold at all (platform.* only in the platform tenant). */
function grantable(ctx: RequestContext): Set<Permission> {
  const all: Permission[] = [...tenantPermissions, ...partnerPermissions, ...(ctx.activeTenant.isPlatform ? platformPermissions : [])];
  return new Set(all);
}

/** For role editors: what a role here may hold, and which of those the caller may grant. */
export function grantablePermissions(ctx: RequestContext): { grantable: Permission[]; held: Permission[] } {
  const grantableList = [...grantable(ctx)];
  return { grantable: grantableList, held: grantableList.filter((p) => can(ctx, p)) };
}

function assertMayGrant(ctx: RequestContext, permissions: readonly Permission[]) {
  const allowed = grantable(ctx);
  const foreign = permissions.filter((p) => !allowed.has(p));
  if (foreign.length > 0) {
    throw new AppError('VALIDATION_ERROR', 'These permissions do not exist in this tenant.', { permissions: foreign });
  }
  const notHeld = permissions.filter((p) => !can(ctx, p));
  if (notHeld.length > 0) {
    throw new AppError('VALIDATION_ERROR', 'You can only grant permissions you hold yourself.', { permissions: notHeld });
  }
}

/** Nobody manages a role, or a user, that holds more than they do. */
function assertWithinOwnPower(ctx: RequestContext, permissions: readonly string[], what: string) {
  const notHeld = permissions.filter((p) => !can(ctx, p as Permission));
  if (notHeld.length > 0) {
    throw new AppError('VALIDATION_ERROR', `You can only change ${what} whose permissions you hold yourself.`, { permissions: notHeld });
  }
}

async function rolesWithPermissions(tx: Tx, tenantId: string, ids?: string[]): Promise<RoleDto[]> {
  const rows = await tx
    .select({
      id: roles.id,
      key: roles.key,
      name: roles.name,
      description: roles.description,
      builtIn: roles.builtIn,
      permissions: sql<Permission[]>`array(select rp.permission from role_permissions rp
        where rp.tenant_id = ${roles.tenantId} and rp.role_id = ${roles.id} order by rp.permission)`,
      members: sql<number>`(select count(*)::int from user_roles ur where ur.tenant_id = ${roles.tenantId} and ur.role_id = ${roles.id})`,
    })
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), ids ? inArray(roles.id, ids) : undefined))
    .orderBy(asc(roles.builtIn), asc(roles.name));
  return rows;
}

export async function listRoles(ctx: RequestContext): Promise<RoleDto[]> {
  assertCan(ctx, 'roles.read');
  return withTenant(ctx, async (tx) => {
    const list = await rolesWithPermissions(tx, ctx.activeTenant.id);
    await auditLinkRead(tx, ctx, { action: 'roles.list', resourceType: 'role' });
    return list;
  });
}

export async function getRoleOrThrow(ctx: RequestContext, { id }: { id: string }): Promise<RoleDto> {
  assertCan(ctx, 'roles.read');
  return withTenant(ctx, async (tx) => {
    const [role] = await rolesWithPermissions(tx, ctx.activeTenant.id, [id]);
    if (!role) throw notFound('Role');
    await auditLinkRead(tx, ctx, { action: 'roles.read', resourceType: 'role', resourceId: id });
    return role;
  });
}

export async function createRole(ctx: RequestContext, input: CreateRoleInput): Promise<RoleDto> {
  assertCan(ctx, 'roles.write');
  const data = createRoleSchema.parse(input);
  assertMayGrant(ctx, data.permissions);
  const tenantId = ctx.activeTenant.id;
  try {
    return await withTenant(ctx, async (tx) => {
      const [role] = await tx
        .insert(roles)
        .values({ tenantId, key: data.key, name: data.name, description: data.description ?? null })
        .returning({ id: roles.id });
      if (data.permissions.length > 0) {
        await tx.insert(rolePermissions).values(data.permissions.map((permission) => ({ tenantId, roleId: role!.id, permission })));
      }
      await recordAudit(tx, ctx, { action: 'role.create', resourceType: 'role', resourceId: role!.id, details: { after: data } });
      return (await rolesWithPermissions(tx, tenantId, [role!.id]))[0]!;
    });
  } catch (error) {
    if (pgErrorCode(error) === '23505') {
      throw new AppError('CONFLICT', 'A role with that key exists.', { fieldErrors: { key: ['A role with that key exists.'] } });
    }
    throw error;
  }
}

/** Edits a role's name, description and permissions; the change applies on each member's next request. */
export async function updateRole(ctx: RequestContext, { id, ...input }: { id: string } & UpdateRoleInput): Promise<RoleDto> {
  assertCan(ctx, 'roles.write');
  const data = updateRoleSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [locked] = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.id, id))).for('update');
    if (!locked) throw notFound('Role');
    const [before] = await rolesWithPermissions(tx, tenantId, [id]);
    const role = before!;
    const added = data.permissions.filter((p) => !role.permissions.includes(p));
    const removed = role.permissions.filter((p) => !data.permissions.includes(p));
    if (role.key === ADMIN_KEY && removed.length > 0) {
      throw new AppError('VALIDATION_ERROR', 'The admin role keeps every permission.', { permissions: removed });
    }
    // Editing needs every permission the role holds now, and granting needs the new ones.
    assertWithinOwnPower(ctx, role.permissions, 'a role');
    assertMayGrant(ctx, added);
    await tx.update(roles).set({ name: data.name, description: data.description ?? null }).where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
    if (removed.length > 0) {
      await tx.delete(rolePermissions).where(and(eq(rolePermissions.tenantId, tenantId), eq(rolePermissions.roleId, id), inArray(rolePermissions.permission, removed)));
    }
    if (added.length > 0) {
      await tx.insert(rolePermissions).values(added.map((permission) => ({ tenantId, roleId: id, permission })));
    }
    const [after] = await rolesWithPermissions(tx, tenantId, [id]);
    await recordAudit(tx, ctx, {
      action: 'role.update',
      resourceType: 'role',
      resourceId: id,
      details: {
        before: { name: role.name, description: role.description, permissions: role.permissions },
        after: { name: after!.name, description: after!.description, permissions: after!.permissions },
        added,
        removed,
      },
    });
    return after!;
  });
}

/** Custom roles only; their members lose what the role granted on their next request. */
export async function deleteRole(ctx: RequestContext, { id }: { id: string }): Promise<void> {
  assertCan(ctx, 'roles.write');
  const tenantId = ctx.activeTenant.id;
  await withTenant(ctx, async (tx) => {
    const [before] = await rolesWithPermissions(tx, tenantId, [id]);
    if (!before) throw notFound('Role');
    if (before.builtIn) throw new AppError('VALIDATION_ERROR', 'Built-in roles cannot be deleted; edit their permissions instead.');
    assertWithinOwnPower(ctx, before.permissions, 'a role');
    await tx.delete(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
    await recordAudit(tx, ctx, { action: 'role.delete', resourceType: 'role', resourceId: id, details: { before } });
  });
}

/**
 * Replaces a user's roles. A role can be given only by someone who holds all of its permissions,
 * and the tenant never loses its last admin.
 */
export async function setUserRoles(
  ctx: RequestContext,
  { userId, ...input }: { userId: string; roleIds: string[] },
): Promise<{ key: string; name: string }[]> {
  assertCan(ctx, 'roles.write');
  const { roleIds } = setUserRolesSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId))).for('update');
    if (!user) throw notFound('User');
    const wanted = roleIds.length ? await rolesWithPermissions(tx, tenantId, roleIds) : [];
    if (wanted.length !== roleIds.length) throw notFound('Role');
    const current = await tx
      .select({ roleId: userRoles.roleId, key: roles.key, name: roles.name })
      .from(userRoles)
      .innerJoin(roles, and(eq(roles.tenantId, userRoles.tenantId), eq(roles.id, userRoles.roleId)))
      .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId)));
    const [held] = await tx.execute<{ permissions: string[] }>(sql`
      select array(select distinct rp.permission from user_roles ur
        join role_permissions rp on rp.tenant_id = ur.tenant_id and rp.role_id = ur.role_id
        where ur.tenant_id = ${tenantId} and ur.user_id = ${userId}) as permissions`);
    assertWithinOwnPower(ctx, held?.permissions ?? [], 'the roles of a user');
    const currentIds = new Set(current.map((c) => c.roleId));
    const adding = wanted.filter((r) => !currentIds.has(r.id));
    const removing = current.filter((c) => !roleIds.includes(c.roleId));
    assertMayGrant(ctx, [...new Set(adding.flatMap((r) => r.permissions))]);

    if (removing.some((r) => r.key === ADMIN_KEY)) {
      // Serialise admin removals so two of them cannot each leave "another" admin.
      await tx.execute(sql`select 1 from roles where tenant_id = ${tenantId} and key = ${ADMIN_KEY} for update`);
      const [others] = await tx.execute<{ n: number }>(sql`
        select count(*)::int as n from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
        join users u on u.tenant_id = ur.tenant_id and u.id = ur.user_id
        where ur.tenant_id = ${tenantId} and r.key = ${ADMIN_KEY} and ur.user_id <> ${userId} and u.status <> 'inactive'`);
      if ((others?.n ?? 0) === 0) throw new AppError('VALIDATION_ERROR', 'The tenant must keep at least one active admin.');
    }
    if (removing.length > 0) {
      await tx.delete(userRoles).where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId), inArray(userRoles.roleId, removing.map((r) => r.roleId))));
    }
    if (adding.length > 0) {
      await tx.insert(userRoles).values(adding.map((r) => ({ tenantId, userId, roleId: r.id })));
    }
    const before = current.map((c) => c.key).sort();
    const after = wanted.map((r) => r.key).sort();
    await recordAudit(tx, ctx, { action: 'user.roles', resourceType: 'user', resourceId: userId, details: { before, after } });
    return wanted.map((r) => ({ key: r.key, name: r.name })).sort((a, b) => a.name.localeCompare(b.name));
  });
}

/**
 * Explains a user's permissions: in this tenant, which roles grant each one; through each live
 * link this tenant holds as a partner, what the user may do in the managed tenant and why
 * (link role, or delegate override, with the partner.* permission that covers it).
 */
export async function explainPermissions(ctx: RequestContext, { userId }: { userId: string }): Promise<EffectivePermissionsDto> {
  assertCan(ctx, 'roles.read');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, type: users.type })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    if (!user) throw notFound('User');
    const grants = await tx
      .select({ permission: rolePermissions.permission, key: roles.key, name: roles.name })
      .from(userRoles)
      .innerJoin(roles, and(eq(roles.tenantId, userRoles.tenantId), eq(roles.id, userRoles.roleId)))
      .innerJoin(rolePermissions, and(eq(rolePermissions.tenantId, roles.tenantId), eq(rolePermissions.roleId, roles.id)))
      .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId)))
      .orderBy(asc(rolePermissions.permission), asc(roles.name));
    const byPermission = new Map<Permission, { key: string; name: string }[]>();
    for (const g of grants) {
      const list = byPermission.get(g.permission as Permission) ?? [];
      list.push({ key: g.key, name: g.name });
      byPermission.set(g.permission as Permission, list);
    }
    const held = new Set(byPermission.keys() as Iterable<string>);

    const links = await tx
      .select({ link: partnerTenantLinks, managed: { id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status } })
      .from(partnerTenantLinks)
      .innerJoin(tenants, eq(tenants.id, partnerTenantLinks.managedTenantId))
      .where(and(eq(partnerTenantLinks.partnerTenantId, tenantId), eq(partnerTenantLinks.status, 'active')))
      .orderBy(asc(tenants.name));
    await auditLinkRead(tx, ctx, { action: 'users.permissions', resourceType: 'user', resourceId: userId });
    return {
      user,
      home: [...byPermission].map(([permission, rolesList]) => ({ permission, roles: rolesList })),
      links: links
        .filter((l) => l.managed.status === 'active' && isLive(linkState(l.link)))
        .map((l) => ({
          linkId: l.link.id,
          managed: { id: l.managed.id, slug: l.managed.slug, name: l.managed.name },
          accessRole: l.link.accessRole,
          permissions: [...effectivePermissions(held, l.link)].map(([permission, source]) => ({ permission, source })).sort((a, b) => a.permission.localeCompare(b.permission)),
        })),
    };
  });
}

'use server';

import { revalidatePath } from 'next/cache';
import { tenantAction } from '@/lib/api/action';
import { createRole, deleteRole, setUserRoles, updateRole } from '@/lib/data/roles';
import { createRoleSchema, roleIdParamsSchema, setUserRolesSchema, updateRoleSchema } from '@/lib/validation/roles';
import { userIdParamsSchema } from '@/lib/validation/users';

const refresh = (slug: string) => revalidatePath(`/t/${slug}`, 'layout');

export const createRoleAction = tenantAction({ permission: 'roles.write', input: createRoleSchema }, async (ctx, input) => {
  const role = await createRole(ctx, input);
  refresh(ctx.activeTenant.slug);
  return role;
});

export const updateRoleAction = tenantAction(
  { permission: 'roles.write', input: roleIdParamsSchema.extend(updateRoleSchema.shape) },
  async (ctx, { id, ...input }) => {
    const role = await updateRole(ctx, { id, ...input });
    refresh(ctx.activeTenant.slug);
    return role;
  },
);

export const deleteRoleAction = tenantAction({ permission: 'roles.write', input: roleIdParamsSchema }, async (ctx, { id }) => {
  await deleteRole(ctx, { id });
  refresh(ctx.activeTenant.slug);
  return { deleted: id };
});

export const setUserRolesAction = tenantAction(
  { permission: 'roles.write', input: userIdParamsSchema.extend(setUserRolesSchema.shape) },
  async (ctx, { id, roleIds }) => {
    const roles = await setUserRoles(ctx, { userId: id, roleIds });
    refresh(ctx.activeTenant.slug);
    return roles;
  },
);

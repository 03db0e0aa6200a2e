'use server';

import { tenantAction } from '@/lib/api/action';
import { createRole, deleteRole, setUserRoles, updateRole } from '@/lib/data/roles';
import { createRoleSchema, roleIdParamsSchema, setUserRolesSchema, updateRoleSchema } from '@/lib/validation/roles';
import { userIdParamsSchema } from '@/lib/validation/users';

// A role change changes what its members may do, and so the navigation: the whole tenant is stale.
const spec = { permission: 'roles.write', revalidate: 'tenant' } as const;

export const createRoleAction = tenantAction({ ...spec, input: createRoleSchema }, createRole);
export const updateRoleAction = tenantAction({ ...spec, input: roleIdParamsSchema.extend(updateRoleSchema.shape) }, updateRole);
export const deleteRoleAction = tenantAction({ ...spec, input: roleIdParamsSchema }, async (ctx, { id }) => {
  await deleteRole(ctx, { id });
  return { deleted: id };
});
export const setUserRolesAction = tenantAction(
  { ...spec, input: userIdParamsSchema.extend(setUserRolesSchema.shape) },
  (ctx, { id, roleIds }) => setUserRoles(ctx, { userId: id, roleIds }),
);

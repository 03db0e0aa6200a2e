import { z } from './zod';
import { allPermissions, type Permission } from '@/lib/config/permissions';
import type { PermissionSource } from '@/lib/rbac/effective';
import { idSchema } from './common';

const permissionList = z
  .array(z.enum(allPermissions as [Permission, ...Permission[]], { message: 'Unknown permission.' }))
  .max(allPermissions.length)
  .transform((list) => [...new Set(list)].sort());

export const createRoleSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'Key: 2 to 40 lowercase letters, digits or underscores, starting with a letter.'),
  name: z.string().trim().min(2, 'Name is at least 2 characters.').max(80, 'Name is at most 80 characters.'),
  description: z.string().trim().max(300, 'Description is at most 300 characters.').optional(),
  permissions: permissionList,
});
export type CreateRoleInput = z.input<typeof createRoleSchema>;

export const updateRoleSchema = z.object({
  name: z.string().trim().min(2, 'Name is at least 2 characters.').max(80, 'Name is at most 80 characters.'),
  description: z.string().trim().max(300, 'Description is at most 300 characters.').nullable().optional(),
  permissions: permissionList,
});
export type UpdateRoleInput = z.input<typeof updateRoleSchema>;

export const roleIdParamsSchema = z.object({ id: idSchema });
export const setUserRolesSchema = z.object({ roleIds: z.array(idSchema).max(50).transform((ids) => [...new Set(ids)]) });

export type RoleDto = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  permissions: Permission[];
  members: number;
};

export type EffectivePermissionsDto = {
  user: { id: string; name: string; email: string; type: string };
  /** In this tenant: each permission and the roles that grant it. */
  home: { permission: Permission; roles: { key: string; name: string }[] }[];
  /** Through each live link this tenant holds as a partner: what the user may do there and why. */
  links: {
    linkId: string;
    managed: { id: string; slug: string; name: string };
    accessRole: string;
    permissions: { permission: Permission; source: PermissionSource }[];
  }[];
};

import { apiRoute } from '@/lib/api/route';
import { deleteRole, getRoleOrThrow, updateRole } from '@/lib/data/roles';
import { roleIdParamsSchema, updateRoleSchema } from '@/lib/validation/roles';

const params = roleIdParamsSchema;

export const GET = apiRoute({ permission: 'roles.read', params }, ({ ctx, params }) => getRoleOrThrow(ctx, { id: params.id }));

export const PATCH = apiRoute({ permission: 'roles.write', params, body: updateRoleSchema }, ({ ctx, params, body }) =>
  updateRole(ctx, { id: params.id, ...body }),
);

export const DELETE = apiRoute({ permission: 'roles.write', params }, async ({ ctx, params }) => {
  await deleteRole(ctx, { id: params.id });
  return new Response(null, { status: 204 });
});

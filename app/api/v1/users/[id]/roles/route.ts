import { apiRoute } from '@/lib/api/route';
import { setUserRoles } from '@/lib/data/roles';
import { setUserRolesSchema } from '@/lib/validation/roles';
import { userIdParamsSchema } from '@/lib/validation/users';

export const PUT = apiRoute(
  { permission: 'roles.write', params: userIdParamsSchema, body: setUserRolesSchema },
  async ({ ctx, params, body }) => ({ roles: await setUserRoles(ctx, { userId: params.id, ...body }) }),
);

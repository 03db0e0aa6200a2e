import { apiRoute } from '@/lib/api/route';
import { explainPermissions } from '@/lib/data/roles';
import { userIdParamsSchema } from '@/lib/validation/users';

export const GET = apiRoute({ permission: 'roles.read', params: userIdParamsSchema }, ({ ctx, params }) =>
  explainPermissions(ctx, { userId: params.id }),
);

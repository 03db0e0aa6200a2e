import { apiRoute } from '@/lib/api/route';
import { getUserOrThrow } from '@/lib/data/users';
import { userIdParamsSchema } from '@/lib/validation/users';

export const GET = apiRoute({ permission: 'users.read', params: userIdParamsSchema }, ({ ctx, params }) =>
  getUserOrThrow(ctx, params),
);

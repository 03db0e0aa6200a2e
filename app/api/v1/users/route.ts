import { apiRoute } from '@/lib/api/route';
import { listUsers } from '@/lib/data/users';
import { listUsersSchema } from '@/lib/validation/users';

export const GET = apiRoute({ permission: 'users.read', query: listUsersSchema }, ({ ctx, query }) =>
  listUsers(ctx, query),
);

import { apiRoute } from '@/lib/api/route';
import { getTypeOverview } from '@/lib/data/user-types';
import { userIdParamsSchema } from '@/lib/validation/users';

/** The user's type, the moves an admin may make (and why others are blocked), and the timeline. */
export const GET = apiRoute({ permission: 'users.read', params: userIdParamsSchema }, ({ ctx, params }) => getTypeOverview(ctx, params));

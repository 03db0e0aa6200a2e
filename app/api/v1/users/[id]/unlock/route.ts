import { apiRoute } from '@/lib/api/route';
import { unlockAccount } from '@/lib/data/lockouts';
import { userIdParamsSchema } from '@/lib/validation/users';

/** Lifts a sign-in lockout at once (audited). */
export const POST = apiRoute({ permission: 'users.write', params: userIdParamsSchema }, ({ ctx, params }) => unlockAccount(ctx, params));

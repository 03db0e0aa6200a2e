import { apiRoute } from '@/lib/api/route';
import { changeUserType } from '@/lib/data/user-types';
import { typeChangeSchema } from '@/lib/validation/account';
import { userIdParamsSchema } from '@/lib/validation/users';

/** An admin moves a user one type up or down, with a reason. */
export const POST = apiRoute(
  { permission: 'users.write', params: userIdParamsSchema, body: typeChangeSchema },
  ({ ctx, params, body }) => changeUserType(ctx, { id: params.id, ...body }),
);

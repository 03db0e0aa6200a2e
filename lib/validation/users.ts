import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema } from './common';

import { userStatuses, userTypes } from '@/lib/config/enums';

export const listUsersSchema = z.object({
  search: z.string().trim().max(100, 'search is at most 100 characters.').optional(),
  type: z.enum(userTypes).optional(),
  status: z.enum(userStatuses).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ListUsersInput = z.input<typeof listUsersSchema>;

export const userIdParamsSchema = z.object({ id: idSchema });

export type UserDto = {
  id: string;
  email: string;
  name: string;
  type: (typeof userTypes)[number];
  status: (typeof userStatuses)[number];
  createdAt: string;
};

export type UserDetailDto = UserDto & { updatedAt: string; roles: { key: string; name: string }[] };

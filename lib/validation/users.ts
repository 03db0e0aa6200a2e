import { z } from './zod';
import { bulkIdsSchema, cursorSchema, idSchema, limitSchema, sortSchema } from './common';

import { userStatuses, userTypes } from '@/lib/config/enums';

export const listUsersSchema = z.object({
  search: z.string().trim().max(100, 'search is at most 100 characters.').optional(),
  type: z.enum(userTypes).optional(),
  status: z.enum(userStatuses).optional(),
  sort: sortSchema(['createdAt', 'name', 'email'], 'createdAt.desc'),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ListUsersInput = z.input<typeof listUsersSchema>;

export const userIdParamsSchema = z.object({ id: idSchema });

export type UserDto = {
  id: string;
  /** 7 digits, unique within the tenant: the documents' API's `user_id`. */
  customerNumber: string;
  email: string;
  name: string;
  type: (typeof userTypes)[number];
  status: (typeof userStatuses)[number];
  createdAt: string;
};

/** `passwordSet`: false for an invited or imported account whose owner has not chosen a password yet. */
export type UserDetailDto = UserDto & { updatedAt: string; passwordSet: boolean; roles: { key: string; name: string }[] };

/** Bulk activate or deactivate (the statuses a person sets; idle and signing are the system's). */
export const setUsersStatusSchema = z.object({ ids: bulkIdsSchema, status: z.enum(['active', 'inactive']) });

/** An account whose sign-in is locked now (5 wrong passwords in 15 minutes). */
export type LockedAccountDto = { id: string; email: string; name: string; attempts: number; lockedUntil: string };

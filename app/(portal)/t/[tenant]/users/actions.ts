'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { unlockAccount } from '@/lib/data/lockouts';
import { sendPasswordLink, setUsersStatus } from '@/lib/data/users';
import { setUsersStatusSchema } from '@/lib/validation/users';
import { changeUserType } from '@/lib/data/user-types';
import { typeChangeSchema } from '@/lib/validation/account';
import { idSchema } from '@/lib/validation/common';
import { importUsers } from '@/lib/data/user-import';
import { importUsersSchema } from '@/lib/validation/user-import';

export const setUsersStatusAction = tenantAction({ permission: 'users.write', input: setUsersStatusSchema, revalidate: 'tenant' }, setUsersStatus);

export const changeUserTypeAction = tenantAction({ permission: 'users.write', input: typeChangeSchema.extend({ id: idSchema }), revalidate: 'users' }, changeUserType);

export const unlockUserAction = tenantAction({ permission: 'users.write', input: z.object({ id: idSchema }), revalidate: 'users' }, unlockAccount);

export const importUsersAction = tenantAction({ permission: 'users.write', input: importUsersSchema, revalidate: 'users' }, importUsers);

export const sendPasswordLinkAction = tenantAction({ permission: 'users.write', input: z.object({ id: idSchema }), revalidate: 'users' }, sendPasswordLink);

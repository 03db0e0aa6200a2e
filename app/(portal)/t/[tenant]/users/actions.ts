'use server';

import { tenantAction } from '@/lib/api/action';
import { setUsersStatus } from '@/lib/data/users';
import { setUsersStatusSchema } from '@/lib/validation/users';

export const setUsersStatusAction = tenantAction({ permission: 'users.write', input: setUsersStatusSchema, revalidate: 'tenant' }, setUsersStatus);

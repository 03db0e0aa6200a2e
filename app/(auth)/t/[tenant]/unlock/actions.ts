'use server';

import { publicAction } from '@/lib/api/action';
import { unsafeUnlockWithToken } from '@/lib/data/lockouts';
import { AppError } from '@/lib/errors';
import { tokenSchema } from '@/lib/validation/account';

/** Public on purpose: the one-time link mailed to the account's owner is the credential. */
export const unlockAction = publicAction(tokenSchema, async (input, meta) => {
  if (!(await unsafeUnlockWithToken(input, meta))) throw new AppError('NOT_FOUND', 'This link is not valid any more: it was used, or it is older than an hour.');
  return { message: 'Unlocked: you can sign in again now.' };
});

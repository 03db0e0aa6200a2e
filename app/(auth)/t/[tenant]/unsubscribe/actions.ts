'use server';

import { publicAction } from '@/lib/api/action';
import { unsafeUnsubscribeDigest } from '@/lib/data/notifications';
import { AppError } from '@/lib/errors';
import { tokenSchema } from '@/lib/validation/account';

/** Public on purpose: the signed link in the digest is the credential (it can only unsubscribe). */
export const unsubscribeAction = publicAction(tokenSchema, async (input, meta) => {
  if (!(await unsafeUnsubscribeDigest(input.token, meta, input.tenant))) throw new AppError('NOT_FOUND', 'This link is not valid.');
  return { message: 'Done: you will get no more daily digests. You can turn them on again under My account, Notifications.' };
});

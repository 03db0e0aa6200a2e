'use server';

import { publicAction } from '@/lib/api/action';
import { unsafeSignUp, unsafeVerifyEmail } from '@/lib/data/internal/signup';
import { AppError } from '@/lib/errors';
import { signupSchema, tokenSchema } from '@/lib/validation/account';

/** Public on purpose: anyone may sign up where the tenant allows it (throttled per IP and tenant). */
export const signUpAction = publicAction(signupSchema, (input, meta) => unsafeSignUp(input, meta));

/** Public on purpose: the one-time link in the mail is the credential. */
export const verifyEmailAction = publicAction(tokenSchema, async (input, meta) => {
  const done = await unsafeVerifyEmail(input, meta);
  if (!done) throw new AppError('NOT_FOUND', 'This link is not valid any more: it was used, or it is older than 24 hours. Sign in and ask for a new one from My account.');
  return { ...done, message: `Confirmed: ${done.email} is your account's email.` };
});

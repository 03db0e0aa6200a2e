import { z } from './zod';

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, 'Use 3 to 40 lowercase letters, digits or hyphens.');

export const signInSchema = z.object({
  tenant: slugSchema,
  email: z.string().trim().min(1, 'Enter your email.').max(320).email('Enter a valid email.'),
  password: z.string().min(1, 'Enter your password.').max(1024),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** What sign-in answers (as next-auth's `error`) when the password was right and a code is needed. */
export const MFA_REQUIRED = 'MFA_REQUIRED';
export const MFA_CODE_FAILED = 'That code did not work. Use the newest code from your authenticator app, or one of your recovery codes. After 5 wrong tries, wait 15 minutes.';

/** One message for every failure, so nobody can probe which tenants or accounts exist. */
export const SIGN_IN_FAILED = 'Those details did not match an account. Check the tenant, email and password.';

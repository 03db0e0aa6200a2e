import 'server-only';
import argon2 from 'argon2';

// argon2id with the library's defaults (m=64 MiB, t=3, p=4), per OWASP's password storage advice.
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

let dummyHash: Promise<string> | undefined;

/** Verifies; with no stored hash it still spends the same time, so timing reveals no account. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not-a-real-password');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

import 'server-only';
import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { hashToken } from './tokens';

// TOTP per RFC 6238 (otplib: SHA-1, 6 digits, 30-second steps: what every authenticator app
// speaks), and one-time recovery codes.

/** Codes one step either side of now are accepted (clock drift of a phone). */
const EPOCH_TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: a code read off paper is typed back right. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an authenticator app scans, and the same as a QR code (PNG data URL). */
export async function enrolmentOf(secret: string, issuer: string, account: string): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = generateURI({ issuer, label: account, secret });
  return { uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200, errorCorrectionLevel: 'M' }) };
}

/** A 6-digit code typed by a person: spaces and a middle dash are allowed. */
export const normalizeTotp = (code: string) => code.replace(/[\s-]/g, '');
export const looksLikeTotp = (code: string) => /^\d{6}$/.test(normalizeTotp(code));

/**
 * The step of a valid code that is newer than `afterTimeStep` (the last accepted one: a code is
 * never accepted twice), or null.
 */
export async function verifyTotp(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  const token = normalizeTotp(code);
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({ secret, token, epochTolerance: EPOCH_TOLERANCE_SECONDS, ...(afterTimeStep !== null ? { afterTimeStep } : {}) });
  return result.valid && 'timeStep' in result ? Number(result.timeStep) : null;
}

/** Ten codes like `k7m2q-x9p4t`, shown once; store only recoveryHash of each. */
export function newRecoveryCodes(): string[] {
  const part = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/** Case, spaces and dashes do not matter when a recovery code is typed back. */
export const recoveryHash = (code: string) => hashToken(code.toLowerCase().replace(/[\s-]/g, ''));

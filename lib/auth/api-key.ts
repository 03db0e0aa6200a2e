import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * API keys: `pp_live_<id>_<secret>`, the id 32 hex digits (a UUID without dashes), the secret 32
 * random bytes in base64url. The id finds the key; only SHA-256 of the secret is stored (a
 * 256-bit random secret needs no slow hash). Sent as `Authorization: Bearer <key>`, or as HTTP
 * Basic with the id (`pp_live_<id>`, the bare hex, or the UUID) as user and the secret as
 * password, as the documents' API declares `basicAuth`.
 */
export const API_KEY_PREFIX = 'pp_live_';

export type KeyCredentials = { keyId: string; secretHash: string };

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

const uuidOfHex = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export function newApiKey(): { id: string; secret: string; token: string; secretHash: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `${API_KEY_PREFIX}${id.replace(/-/g, '')}_${secret}`, secretHash: hashSecret(secret) };
}

/** The first characters of a key, as lists show it (never the secret). */
export const keyPrefixOf = (id: string) => `${API_KEY_PREFIX}${id.replace(/-/g, '').slice(0, 8)}`;

const KEY = /^pp_live_([0-9a-f]{32})_([A-Za-z0-9_-]{20,200})$/;
const ID = /^(?:pp_live_)?([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * What an Authorization header says: no header (null: a browser call, the cookie decides), a key
 * in either form, or `invalid` (a header that is neither: refused, never read as "no key").
 */
export function parseAuthorization(header: string | null): KeyCredentials | 'invalid' | null {
  if (header === null || header.trim() === '') return null;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme!)) {
    const m = KEY.exec(value);
    return m ? { keyId: uuidOfHex(m[1]!), secretHash: hashSecret(m[2]!) } : 'invalid';
  }
  if (/^basic$/i.test(scheme!)) {
    let decoded: string;
    try {
      decoded = Buffer.from(value, 'base64').toString('utf8');
    } catch {
      return 'invalid';
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'invalid';
    const id = ID.exec(decoded.slice(0, colon).toLowerCase());
    const secret = decoded.slice(colon + 1);
    if (!id || !/^[A-Za-z0-9_-]{20,200}$/.test(secret)) return 'invalid';
    const hex = id[1]!.replace(/-/g, '');
    return { keyId: uuidOfHex(hex), secretHash: hashSecret(secret) };
  }
  return 'invalid';
}

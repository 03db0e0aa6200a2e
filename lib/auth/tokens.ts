import { createHash, randomBytes } from 'node:crypto';

// One-time tokens (set-password links, e-mail verification): 256 random bits shown once; only
// their SHA-256 is stored, so a database read never yields a usable link.

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

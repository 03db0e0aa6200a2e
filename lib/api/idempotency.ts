import 'server-only';
import { createHash } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { AppError } from '@/lib/errors';
import type { Idempotency } from '@/lib/data/internal/idempotency';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's `Idempotency-Key` (1 to 255 visible ASCII characters; a V4 UUID is a good
 * choice) with a hash of the method, path and body it came with; undefined without the header.
 */
export function idempotencyOf(req: NextRequest, body: unknown): Idempotency | undefined {
  const key = req.headers.get('idempotency-key');
  if (key === null) return undefined;
  if (!KEY.test(key)) {
    throw new AppError('VALIDATION_ERROR', 'The request is not valid.', { fieldErrors: { 'header.Idempotency-Key': ['1 to 255 visible ASCII characters (a UUID is a good key).'] } });
  }
  return { key, requestHash: requestHash(`${req.method} ${req.nextUrl.pathname}`, body) };
}

/** The hash a key is bound to (server actions use it with the action's name). */
export function requestHash(what: string, body: unknown): string {
  return createHash('sha256').update(what).update('\n').update(JSON.stringify(body ?? null)).digest('hex');
}

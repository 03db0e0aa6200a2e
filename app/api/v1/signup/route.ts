import { NextResponse } from 'next/server';
import { isCrossSite } from '@/lib/api/origin';
import { parseOrThrow, publicRoute } from '@/lib/api/route';
import { requestMeta } from '@/lib/auth/meta';
import { unsafeSignUp } from '@/lib/data/internal/signup';
import { AppError } from '@/lib/errors';
import { signupSchema } from '@/lib/validation/account';

/**
 * Public: self sign-up in the tenant the body names. 202 with one message whether or not the
 * address already has an account (see lib/data/internal/signup.ts).
 */
export const POST = publicRoute(async (req) => {
  if (isCrossSite(req.headers)) throw new AppError('FORBIDDEN', 'Cross-site requests are not allowed.');
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new AppError('VALIDATION_ERROR', 'The request body must be JSON.');
  }
  const body = parseOrThrow(signupSchema, raw, 'body');
  const result = await unsafeSignUp(body, requestMeta(req.headers));
  return NextResponse.json({ status: 'pending_verification', ...result }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
});

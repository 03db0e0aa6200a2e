import { NextResponse } from 'next/server';
import { requestMeta } from '@/lib/auth/meta';
import { isCrossSite } from '@/lib/api/origin';
import { publicRoute } from '@/lib/api/route';
import { unsafeUnsubscribeDigest } from '@/lib/data/notifications';
import { AppError, notFound } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/**
 * One-click unsubscribe from the daily digest (RFC 8058): the mail's `List-Unsubscribe` names
 * this URL with its signed token and `List-Unsubscribe-Post` asks mail clients to POST here. The
 * token is the credential; it can do nothing but this. Safe to repeat.
 */
export const POST = publicRoute(async (req) => {
  if (isCrossSite(req.headers)) throw new AppError('FORBIDDEN', 'Cross-site requests are not allowed.');
  const token = req.nextUrl.searchParams.get('token') ?? '';
  if (token.length < 20 || token.length > 300 || !(await unsafeUnsubscribeDigest(token, requestMeta(req.headers)))) throw notFound('Subscription');
  return NextResponse.json({ unsubscribed: true });
});

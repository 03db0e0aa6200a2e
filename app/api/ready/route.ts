import { NextResponse } from 'next/server';
import { publicRoute } from '@/lib/api/route';
import { checkReadiness } from '@/lib/data/health';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** Readiness: 200 when this instance can serve; 503 SERVICE_UNAVAILABLE naming the failed checks. */
export const GET = publicRoute(async () => {
  const { ready, checks } = await checkReadiness();
  if (!ready) throw new AppError('SERVICE_UNAVAILABLE', 'This instance is not ready to serve.', { checks });
  return NextResponse.json({ status: 'ready', checks });
});

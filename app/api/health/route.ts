import { NextResponse } from 'next/server';
import { publicRoute } from '@/lib/api/route';
import { pingDatabase } from '@/lib/data/health';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability; 503 in the one error shape when PostgreSQL is down. */
export const GET = publicRoute(async () => {
  await pingDatabase();
  return NextResponse.json({ status: 'ok', database: 'ok' });
});

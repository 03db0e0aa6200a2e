import { NextResponse } from 'next/server';
import { publicRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers. It touches no database (readiness is /api/ready). */
export const GET = publicRoute(async () => NextResponse.json({ status: 'ok' }));

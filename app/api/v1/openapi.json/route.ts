import { NextResponse } from 'next/server';
import { publicRoute } from '@/lib/api/route';
import { buildOpenApi } from '@/lib/api/openapi';
import { routeModules } from './registry';

/** The OpenAPI 3.1 document of /api/v1, built from the routes' own zod schemas (public: it describes, it reads nothing). */
let document: Record<string, unknown> | null = null;
export const GET = publicRoute(async () => {
  document ??= buildOpenApi(routeModules);
  return NextResponse.json(document, { headers: { 'Cache-Control': 'public, max-age=300' } });
});

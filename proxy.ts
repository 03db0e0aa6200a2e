import { NextResponse, type NextRequest } from 'next/server';
import { isCrossSite } from '@/lib/api/origin';
import { PATH_HEADER } from '@/lib/workspaces';

/**
 * Redirects on cookie presence only, for a friendlier first hop. It never authorizes: every page
 * and route resolves its own context from the database (the lesson of CVE-2025-29927).
 */
export function proxy(request: NextRequest) {
  // A server action posted from another site: refused here in the API's error shape (Next.js
  // would refuse it too, but as a 500), before any page code runs.
  if (request.method === 'POST' && request.headers.has('next-action') && isCrossSite(request.headers)) {
    return NextResponse.json(
      { error: { code: 'FORBIDDEN', message: 'Cross-site requests are not allowed.', details: {}, requestId: crypto.randomUUID() } },
      { status: 403 },
    );
  }
  const match = /^\/t\/([^/]+)(\/.*)?$/.exec(request.nextUrl.pathname);
  if (!match || /^\/(login|set-password)\b/.test(match[2] ?? '')) return NextResponse.next();
  const hasCookie =
    request.cookies.has('next-auth.session-token') || request.cookies.has('__Secure-next-auth.session-token');
  if (hasCookie) {
    // The path, for the tenant's 403 page to name the workspace (a client's own value is replaced).
    const headers = new Headers(request.headers);
    headers.set(PATH_HEADER, request.nextUrl.pathname);
    return NextResponse.next({ request: { headers } });
  }
  // The All-tenants mode has no sign-in of its own.
  return NextResponse.redirect(new URL(match[1] === 'all' ? '/login' : `/t/${match[1]}/login`, request.url));
}

export const config = { matcher: ['/t/:path*'] };

import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/lib/api/csp';
import { isCrossSite } from '@/lib/api/origin';
import { PATH_HEADER } from '@/lib/workspaces';

const CSP = 'content-security-policy';

/**
 * Runs before every page and API answer. It never authorizes: every page and route resolves its
 * own context from the database (the lesson of CVE-2025-29927). It
 * - refuses server actions posted from another site (in the API's error shape);
 * - sets the Content-Security-Policy with a fresh nonce (lib/api/csp.ts), on the answer and on
 *   the request, where Next.js finds the nonce for its scripts;
 * - sends a browser without a session cookie to the tenant's sign-in, for a friendlier first hop;
 * - passes the path on (x-portal-path) for the tenant 403 and 404 pages to name what was asked.
 */
export function proxy(request: NextRequest) {
  if (request.method === 'POST' && request.headers.has('next-action') && isCrossSite(request.headers)) {
    return NextResponse.json(
      { error: { code: 'FORBIDDEN', message: 'Cross-site requests are not allowed.', details: {}, requestId: crypto.randomUUID() } },
      { status: 403 },
    );
  }
  const policy = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set(CSP, policy);
  // The path, for the 403 and 404 pages (a client's own value is replaced).
  headers.set(PATH_HEADER, request.nextUrl.pathname);

  const match = /^\/t\/([^/]+)(\/.*)?$/.exec(request.nextUrl.pathname);
  const signedOut = !request.cookies.has('next-auth.session-token') && !request.cookies.has('__Secure-next-auth.session-token');
  const response =
    match && signedOut && !/^\/(login|set-password|signup|verify-email|unlock|unsubscribe)\b/.test(match[2] ?? '')
      ? // The All-tenants mode has no sign-in of its own.
        NextResponse.redirect(new URL(match[1] === 'all' ? '/login' : `/t/${match[1]}/login`, request.url))
      : NextResponse.next({ request: { headers } });
  response.headers.set(CSP, policy);
  return response;
}

// Pages, not Next's static files or the JSON API (neither is a document that runs scripts).
export const config = { matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'] };

import { NextResponse, type NextRequest } from 'next/server';

/**
 * Redirects on cookie presence only, for a friendlier first hop. It never authorizes: every page
 * and route resolves its own context from the database (the lesson of CVE-2025-29927).
 */
export function proxy(request: NextRequest) {
  const match = /^\/t\/([^/]+)(\/.*)?$/.exec(request.nextUrl.pathname);
  if (!match || /^\/(login|set-password)\b/.test(match[2] ?? '')) return NextResponse.next();
  const hasCookie =
    request.cookies.has('next-auth.session-token') || request.cookies.has('__Secure-next-auth.session-token');
  if (hasCookie) return NextResponse.next();
  return NextResponse.redirect(new URL(`/t/${match[1]}/login`, request.url));
}

export const config = { matcher: ['/t/:path*'] };

const BASE = 'http://portal.invalid';
// The portal's own page shapes: its root, the sign-in page, and anything under /t/<slug>.
const PORTAL_PATH = /^\/(?:login|t\/[a-z0-9][a-z0-9-]{1,38}[a-z0-9](?:\/[A-Za-z0-9._~-]+)*)?$/;

/**
 * The one check for a redirect target a request names (`?from=`): it must resolve, against the
 * portal's own origin, to that origin and to one of the portal's page shapes. `/\evil.example`,
 * `/%09/evil.example` and `//evil.example` resolve elsewhere or to no portal page, and give the
 * fallback instead.
 */
export function safeLocalPath(target: string | null, fallback = '/'): string {
  if (!target) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || !PORTAL_PATH.test(url.pathname)) return fallback;
  return url.pathname + url.search;
}

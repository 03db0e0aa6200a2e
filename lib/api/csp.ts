/**
 * The Content-Security-Policy of every answer (proxy.ts sets it with a fresh nonce per request;
 * Next.js reads the nonce from the request's copy and puts it on its own scripts). Scripts run
 * only from this origin with the nonce ('strict-dynamic' lets them load Next's chunks); nothing
 * may frame the portal, post forms elsewhere or change the base URL. Styles allow inline
 * attributes: the shell colours each tenant with a style attribute, and Radix and sonner set
 * positions inline. Development adds 'unsafe-eval' (React's dev tooling needs it); production
 * never does.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

import { safeLocalPath } from '@/lib/api/redirect';

/**
 * Where pages send the browser while PostgreSQL cannot be reached: a real 503 with Retry-After,
 * which reloads the page the user wanted every few seconds until the database is back.
 */
export function GET(request: Request) {
  const back = safeLocalPath(new URL(request.url).searchParams.get('from'));
  const escaped = back.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="5;url=${escaped}"><title>Temporarily unavailable</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:6rem auto;padding:0 1rem;color:#1f2937}</style>
</head><body><h1>Temporarily unavailable</h1>
<p>The portal cannot reach its database right now. Nothing you submitted was half-saved.</p>
<p>This page retries by itself every few seconds, or <a href="${escaped}">try again now</a>.</p></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' },
  });
}

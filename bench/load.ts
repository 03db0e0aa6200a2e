import autocannon from 'autocannon';

export type LoadResult = { endpoint: string; requestsPerSec: number; p50ms: number; p99ms: number; non2xx: number; errors: number };

/** Signs in through next-auth's credentials endpoint; returns the session cookie. */
export async function signInCookie(base: string, tenant: string, email: string, password = 'demo-pass-2026'): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${base}/api/auth/callback/tenant-credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, tenant, email, password }),
  });
  const session = res.headers.getSetCookie().find((c) => c.includes('session-token'));
  if (!session) throw new Error(`sign-in as ${email} failed`);
  return session.split(';')[0]!;
}

/** The tenant id alice reaches as northwind, from /api/v1/me. */
export async function reachableTenantId(base: string, cookie: string, slug: string): Promise<string> {
  const me = (await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json()) as {
    reachableTenants: { slug: string; tenantId: string }[];
  };
  const found = me.reachableTenants.find((t) => t.slug === slug);
  if (!found) throw new Error(`${slug} is not reachable`);
  return found.tenantId;
}

export async function load(
  base: string,
  endpoint: string,
  path: string,
  opts: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const r = await autocannon({ url: `${base}${path}`, connections: opts.connections, duration: opts.seconds, headers: opts.headers });
  return {
    endpoint,
    requestsPerSec: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** The floor (health) and the read (users as alice in northwind), side by side. */
export async function floorAndRead(base: string, opts: { seconds: number; connections: number }) {
  const cookie = await signInCookie(base, 'acme-msp', 'alice@acme-msp.example');
  const northwind = await reachableTenantId(base, cookie, 'northwind');
  const floor = await load(base, 'GET /api/health', '/api/health', opts);
  const read = await load(base, 'GET /api/v1/users?limit=50 (alice in northwind)', '/api/v1/users?limit=50', {
    ...opts,
    headers: { cookie, 'x-active-tenant-id': northwind },
  });
  return {
    floor,
    read,
    readOverFloorRps: +(read.requestsPerSec / Math.max(1, floor.requestsPerSec)).toFixed(2),
    readP99OverFloorP99: +(read.p99ms / Math.max(1, floor.p99ms)).toFixed(2),
  };
}

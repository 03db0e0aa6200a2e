import autocannon from 'autocannon';
import { paddedPng } from '../db/sample-documents';

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
export async function floorAndRead(base: string, opts: { seconds: number; connections: number; apiKey?: string }) {
  const cookie = await signInCookie(base, 'acme-msp', 'alice@acme-msp.example');
  const northwind = await reachableTenantId(base, cookie, 'northwind');
  const floor = await load(base, 'GET /api/health', '/api/health', opts);
  const read = await load(base, 'GET /api/v1/users?limit=50 (alice in northwind)', '/api/v1/users?limit=50', {
    ...opts,
    headers: { cookie, 'x-active-tenant-id': northwind },
  });
  // The same read with alice's API key instead of her cookie (no JWE to decode, a key to check).
  const keyRead = opts.apiKey
    ? await load(base, 'GET /api/v1/users?limit=50 (alice in northwind, API key)', '/api/v1/users?limit=50', {
        ...opts,
        headers: { authorization: `Bearer ${opts.apiKey}`, 'x-active-tenant-id': northwind },
      })
    : null;
  return {
    floor,
    read,
    readOverFloorRps: +(read.requestsPerSec / Math.max(1, floor.requestsPerSec)).toFixed(2),
    readP99OverFloorP99: +(read.p99ms / Math.max(1, floor.p99ms)).toFixed(2),
    ...(keyRead
      ? {
          keyRead,
          keyReadOverCookieReadRps: +(keyRead.requestsPerSec / Math.max(1, read.requestsPerSec)).toFixed(2),
          keyReadP99OverCookieReadP99: +(keyRead.p99ms / Math.max(1, read.p99ms)).toFixed(2),
        }
      : {}),
  };
}

/**
 * The KYC upload: a guest of northwind sends a `bytes`-sized PNG as a step of their identity
 * check, `runs` times (each replaces the last); the server's own time comes from Server-Timing.
 */
export async function kycUpload(base: string, opts: { bytes: number; runs: number }) {
  const cookie = await signInCookie(base, 'northwind', 'guest@northwind.example');
  const file = new Blob([new Uint8Array(paddedPng(opts.bytes))], { type: 'image/png' });
  const server: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < opts.runs + 2; i++) {
    const form = new FormData();
    form.set('front', file, 'bench.png');
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/me/kyc`, { method: 'POST', headers: { cookie, origin: base }, body: form });
    const took = performance.now() - t0;
    if (!res.ok) throw new Error(`upload answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    await res.arrayBuffer();
    if (i < 2) continue;
    wall.push(took);
    server.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
  }
  const p = (xs: number[], q: number) => +[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!.toFixed(1);
  return { bytes: opts.bytes, runs: opts.runs, serverP50ms: p(server, 0.5), serverP99ms: p(server, 0.99), wallP50ms: p(wall, 0.5) };
}

/**
 * One subscribe-confirm cycle as an end user lives it, `runs` times in a row: subscribe (the code
 * goes to the outbox, read back by `codeOf`), confirm, then cancel now so the next cycle can
 * start. Server time of each step from Server-Timing.
 */
export async function subscribeCycle(base: string, opts: { runs: number; planId: string; codeOf: () => Promise<string> }) {
  const cookie = await signInCookie(base, 'northwind', 'company@northwind.example');
  const headers = { cookie, origin: base, 'content-type': 'application/json' };
  const serverTime = (res: Response) => Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  const subscribe: number[] = [];
  const confirm: number[] = [];
  const cycle: number[] = [];
  for (let i = 0; i < opts.runs + 2; i++) {
    const t0 = performance.now();
    const s = await fetch(`${base}/api/v1/subscriptions`, { method: 'POST', headers, body: JSON.stringify({ planId: opts.planId }) });
    if (s.status !== 201) throw new Error(`subscribe answered ${s.status}: ${(await s.text()).slice(0, 200)}`);
    const { id } = (await s.json()) as { id: string };
    const code = await opts.codeOf();
    const t1 = performance.now();
    const c = await fetch(`${base}/api/v1/subscriptions/${id}/confirm`, { method: 'POST', headers, body: JSON.stringify({ code, signedName: 'Cora Company', consent: true }) });
    if (c.status !== 200) throw new Error(`confirm answered ${c.status}: ${(await c.text()).slice(0, 200)}`);
    await c.arrayBuffer();
    const took = performance.now() - t1 + (t1 - t0);
    const end = await fetch(`${base}/api/v1/me/subscription/cancel`, { method: 'POST', headers, body: JSON.stringify({ at_period_end: false }) });
    if (end.status !== 200) throw new Error(`cancel answered ${end.status}`);
    await end.arrayBuffer();
    if (i < 2) continue;
    subscribe.push(serverTime(s));
    confirm.push(serverTime(c));
    cycle.push(took);
  }
  const p = (xs: number[], q: number) => +[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!.toFixed(1);
  const serverCycle = subscribe.map((v, i) => v + confirm[i]!);
  return {
    runs: opts.runs,
    subscribeServerP50ms: p(subscribe, 0.5),
    confirmServerP50ms: p(confirm, 0.5),
    cycleServerP50ms: p(serverCycle, 0.5),
    cycleServerP99ms: p(serverCycle, 0.99),
    cyclesPerSecondOneUser: +(1000 / p(serverCycle, 0.5)).toFixed(1),
  };
}

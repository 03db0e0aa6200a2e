/**
 * HTTP latency against a running portal (default http://localhost:3000, or BENCH_URL):
 * GET /api/health (the framework's floor) and GET /api/v1/users?limit=50 as alice acting in
 * northwind (session check, context, link check, RLS query, audit of the read).
 * Usage: npm run bench:http -- [--seconds 15] [--connections 10]
 */
import autocannon from 'autocannon';
import os from 'node:os';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const base = process.env.BENCH_URL ?? 'http://localhost:3000';
const duration = arg('seconds', 15);
const connections = arg('connections', 10);

async function signIn(tenant: string, email: string, password: string): Promise<string> {
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
  if (!session) throw new Error('sign-in failed');
  return session.split(';')[0]!;
}

async function run(title: string, path: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url: `${base}${path}`, connections, duration, headers });
  const row = {
    endpoint: title,
    requestsPerSec: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  console.log(JSON.stringify(row));
  return row;
}

const cookie = await signIn('acme-msp', 'alice@acme-msp.example', process.env.BENCH_PASSWORD ?? 'demo-pass-2026');
const me = (await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json()) as {
  reachableTenants: { slug: string; tenantId: string }[];
};
const northwind = me.reachableTenants.find((t) => t.slug === 'northwind')!.tenantId;

console.log(JSON.stringify({ machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30) }, duration, connections }));
const floor = await run('GET /api/health', '/api/health');
const read = await run('GET /api/v1/users?limit=50 (alice in northwind)', '/api/v1/users?limit=50', {
  cookie,
  'x-active-tenant-id': northwind,
});
console.log(JSON.stringify({ readOverFloorRps: +(read.requestsPerSec / floor.requestsPerSec).toFixed(2) }));

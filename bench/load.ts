import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type postgres from 'postgres';
import { paddedPng } from '../db/sample-documents';
import { roundTripProxy } from '../test/support/round-trips';

export type LoadResult = { endpoint: string; requestsPerSec: number; p50ms: number; p99ms: number; non2xx: number; errors: number; requests: number };

/**
 * The HTTP benches load one user at thousands of calls a minute: acme-msp's and northwind's API
 * limits are lifted so they measure answers, not 429s. Every request still pays for the limiter
 * (one upsert in the context statement).
 */
export async function liftApiLimits(owner: postgres.Sql): Promise<void> {
  await owner`insert into tenant_rate_limits (tenant_id, list_per_minute, detail_per_minute, write_per_minute, export_per_hour, link_per_minute)
    select id, 1000000, 1000000, 1000000, 1000000, 1000000 from tenants where slug in ('acme-msp', 'northwind')
    on conflict (tenant_id) do update set list_per_minute = 1000000, detail_per_minute = 1000000, write_per_minute = 1000000, export_per_hour = 1000000, link_per_minute = 1000000`;
}

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
    requests: r.requests.total,
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

/** CPU time (ms) of every process whose command is `comm`, or of `pid` and its descendants. */
export function cpuMs(select: { comm: string } | { pid: number }): number {
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const raw = readFileSync(`/proc/${d}/stat`, 'utf8');
        const comm = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
        const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
        return [{ pid: Number(d), comm, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) }];
      } catch {
        return [];
      }
    });
  let chosen: typeof stats;
  if ('comm' in select) chosen = stats.filter((s) => s.comm === select.comm);
  else {
    const tree = new Set([select.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of stats) {
        if (!tree.has(s.pid) && tree.has(s.ppid)) {
          tree.add(s.pid);
          grew = true;
        }
      }
    }
    chosen = stats.filter((s) => tree.has(s.pid));
  }
  // Linux reports in clock ticks of 1/100 s.
  return chosen.reduce((n, s) => n + s.ticks, 0) * 10;
}

export type PathRow = LoadResult & { connections: number; nodeCpuMsPerRequest: number; postgresCpuMsPerRequest: number; rpsOverHealth: number; p99OverHealth: number };

/** The request path's endpoints (signed in as alice and as northwind's admin), health first. */
export async function pathEndpoints(base: string): Promise<{ endpoint: string; path: string; headers: Record<string, string> }[]> {
  const alice = await signInCookie(base, 'acme-msp', 'alice@acme-msp.example');
  const admin = await signInCookie(base, 'northwind', 'admin@northwind.example');
  const northwind = await reachableTenantId(base, alice, 'northwind');
  return [
    { endpoint: 'GET /api/health', path: '/api/health', headers: {} },
    { endpoint: 'GET /api/v1/me (alice)', path: '/api/v1/me', headers: { cookie: alice } },
    { endpoint: 'GET /api/v1/users?limit=50 (northwind admin, at home)', path: '/api/v1/users?limit=50', headers: { cookie: admin } },
    { endpoint: 'GET /api/v1/users?limit=50 (alice in northwind, through the link)', path: '/api/v1/users?limit=50', headers: { cookie: alice, 'x-active-tenant-id': northwind } },
  ];
}

/**
 * The request path side by side (issue #12): health (the framework's floor), /me, the users list
 * at home and the same list through a link, at each connection count, interleaved in `rounds`
 * (health, /me, home, link, health, ...) so a slow minute of the machine hits all alike. Each
 * gets req/s, p50, p99, the Node server's and PostgreSQL's CPU ms per request (from /proc), and
 * its ratios to the health of its own round. Reported as the median of the rounds. `endpoints`:
 * what pathEndpoints signed in (the flights count uses the same sessions; no second sign-in).
 */
export async function requestPath(
  base: string,
  opts: { endpoints: Awaited<ReturnType<typeof pathEndpoints>>; seconds: number; connections: number[]; rounds: number; serverPid: number; flights?: Record<string, number> },
) {
  const { endpoints } = opts;
  const rows: (PathRow & { round: number })[] = [];
  for (const connections of opts.connections) {
    for (let round = 0; round < opts.rounds; round++) {
      let health: LoadResult | null = null;
      for (const e of endpoints) {
        const node0 = cpuMs({ pid: opts.serverPid });
        const pg0 = cpuMs({ comm: 'postgres' });
        const r = await load(base, e.endpoint, e.path, { seconds: opts.seconds, connections, headers: e.headers });
        const node = cpuMs({ pid: opts.serverPid }) - node0;
        const pg = cpuMs({ comm: 'postgres' }) - pg0;
        health ??= r;
        rows.push({
          ...r,
          round,
          connections,
          nodeCpuMsPerRequest: +(node / Math.max(1, r.requests)).toFixed(2),
          postgresCpuMsPerRequest: +(pg / Math.max(1, r.requests)).toFixed(2),
          rpsOverHealth: +(r.requestsPerSec / Math.max(1, health.requestsPerSec)).toFixed(2),
          p99OverHealth: +(r.p99ms / Math.max(1, health.p99ms)).toFixed(2),
        });
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = opts.connections.flatMap((connections) =>
    endpoints.map((e) => {
      const of = rows.filter((r) => r.connections === connections && r.endpoint === e.endpoint);
      const pick = (k: keyof PathRow) => median(of.map((r) => r[k] as number));
      return {
        endpoint: e.endpoint,
        connections,
        requestsPerSec: pick('requestsPerSec'),
        p50ms: pick('p50ms'),
        p99ms: pick('p99ms'),
        nodeCpuMsPerRequest: pick('nodeCpuMsPerRequest'),
        postgresCpuMsPerRequest: pick('postgresCpuMsPerRequest'),
        rpsOverHealth: pick('rpsOverHealth'),
        p99OverHealth: pick('p99OverHealth'),
        non2xx: of.reduce((n, r) => n + r.non2xx + r.errors, 0),
        flightsPerRequest: opts.flights?.[e.endpoint] ?? null,
      };
    }),
  );
  return { rounds: opts.rounds, secondsEach: opts.seconds, summary, rows };
}

/** One line of the request path's summary, as `npm run bench` and `npm run bench:path` print it. */
export function describePathRow(r: Awaited<ReturnType<typeof requestPath>>['summary'][number]): string {
  return `${r.connections} conns ${r.endpoint}: ${r.requestsPerSec} req/s (${r.rpsOverHealth} of health), p50 ${r.p50ms} ms, p99 ${r.p99ms} ms (${r.p99OverHealth}x), CPU ms/req node ${r.nodeCpuMsPerRequest} pg ${r.postgresCpuMsPerRequest}${r.flightsPerRequest === null ? '' : `, ${r.flightsPerRequest} flights to PostgreSQL`}${r.non2xx ? `, ${r.non2xx} not 2xx` : ''}`;
}

/**
 * Flights to PostgreSQL per request, endpoint by endpoint (issue #12): what the server sends to
 * PostgreSQL before it waits for an answer, counted by a TCP proxy (test/support/round-trips.ts)
 * in front of the app's pool of a server of its own (`start` gets the proxy's URL; a pool of 2,
 * so every statement is prepared on both connections after the warm-up). Each endpoint is called
 * one call at a time with a pause after each, so what a call leaves behind counts for it (the
 * COMMIT of a read-only transaction, sent as the answer goes out and not waited for: one flight
 * more than the round trips the call waits on, which test/integration/round-trips.test.ts
 * counts). The median of `runs` calls after `runs` to warm up. Not under load: the proxy would
 * cost the loaded servers CPU of their own two cores.
 */
export async function flightsPerRequest(
  appUrl: string,
  endpoints: { endpoint: string; path: string; headers: Record<string, string> }[],
  start: (appUrl: string) => Promise<{ url: string; stop: () => Promise<void> }>,
  runs = 10,
): Promise<Record<string, number>> {
  const proxy = await roundTripProxy(appUrl);
  try {
    const server = await start(proxy.url);
    try {
      const pause = () => new Promise((r) => setTimeout(r, 50));
      const flights: Record<string, number> = {};
      for (const e of endpoints) {
        const counts: number[] = [];
        for (let i = 0; i < 2 * runs; i++) {
          const before = proxy.trips();
          const res = await fetch(`${server.url}${e.path}`, { headers: e.headers });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${e.endpoint} answered ${res.status} on the counting server`);
          await pause();
          if (i >= runs) counts.push(proxy.trips() - before);
        }
        flights[e.endpoint] = [...counts].sort((a, b) => a - b)[Math.floor(counts.length / 2)]!;
      }
      return flights;
    } finally {
      await server.stop();
    }
  } finally {
    await proxy.close();
  }
}

/**
 * Starts a production server of the checkout in `cwd` on `port` and waits for its health: the
 * server `npm start` runs (scripts/serve.ts), or with `nextStart` Next's own; with `profile` it
 * writes a V8 CPU profile into that directory when stopped.
 */
export async function startBenchServer(o: { cwd: string; port: number; env: NodeJS.ProcessEnv; profile?: string; nextStart?: boolean }): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const command = o.nextStart ? ['node_modules/next/dist/bin/next', 'start', '-p', String(o.port)] : ['--import', 'tsx', 'scripts/serve.ts'];
  const url = `http://localhost:${o.port}`;
  const server = spawn(process.execPath, [...(o.profile ? ['--cpu-prof', '--cpu-prof-dir', o.profile] : []), ...command], {
    cwd: o.cwd,
    stdio: 'ignore',
    env: { ...o.env, PORT: String(o.port), NEXTAUTH_URL: url },
  });
  const exited = new Promise((r) => server.once('exit', r));
  const stop = async () => {
    // SIGINT: Next exits on its own, and Node writes the CPU profile on the way out.
    server.kill(o.profile ? 'SIGINT' : 'SIGTERM');
    await exited;
  };
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/api/health`).catch(() => null))?.ok) break;
    if (i > 120 || server.exitCode !== null) {
      await stop();
      throw new Error(`the server in ${o.cwd} did not start`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, pid: server.pid!, stop };
}

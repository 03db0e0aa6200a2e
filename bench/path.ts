/**
 * `npm run bench:path`: only the request path (health, /me, users at home, users through a link),
 * side by side and interleaved, against the bench dataset `npm run bench` builds, on a production
 * build. For working on the request path without the whole bench. `--profile DIR` instead loads
 * each endpoint alone on a server of its own started with `--cpu-prof`, and writes one V8 CPU profile
 * per endpoint (`DIR/<n>.cpuprofile`, open it in Chrome's DevTools) with its request count, so a
 * profile's time divides into milliseconds per request. `--compare DIR` runs a second checkout's
 * build (DIR, with its own `.next`) beside this one and interleaves the two endpoint by endpoint,
 * round by round: on a machine whose speed drifts from minute to minute, the way to tell whether a
 * change made the path cheaper.
 *
 *   npm run bench:path -- [--tenants 1000] [--seconds 10] [--rounds 3] [--connections 20] [--profile DIR | --compare DIR] [--next-start]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { prepareDatabase, runtimeUrl } from '../db/bootstrap';
import { BENCH_APP_ROLE, openBenchCluster } from './cluster';
import { datasetName } from './data';
import { cpuMs, describePathRow, flightsPerRequest, liftApiLimits, load, pathEndpoints, requestPath, startBenchServer } from './load';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const profileAt = process.argv.indexOf('--profile');
const profileDir = profileAt > 0 ? path.resolve(process.argv[profileAt + 1]!) : null;
const compareAt = process.argv.indexOf('--compare');
const compareDir = compareAt > 0 ? path.resolve(process.argv[compareAt + 1]!) : null;
const nextStart = process.argv.includes('--next-start');
const opts = { tenants: arg('tenants', 1000), seconds: arg('seconds', 10), rounds: arg('rounds', 3), connections: arg('connections', 20) };
const log = (m: string) => console.log(`[bench:path] ${m}`);

if (!existsSync('.next/BUILD_ID')) {
  console.error('No production build: run `npx next build` first.');
  process.exit(1);
}
const cluster = await openBenchCluster();
let failed = false;
try {
  const url = cluster.urlFor(datasetName(opts.tenants));
  const owner = postgres(url, { max: 1, onnotice: () => {} });
  const [found] = await owner`select count(*)::int as n from tenants where slug = 'acme-msp'`.catch(() => [{ n: 0 }]);
  if (found?.n !== 1) throw new Error(`No ${opts.tenants}-tenant bench dataset: run \`npm run bench -- --tenants ${opts.tenants}\` once to build it.`);
  const appRole = { ...BENCH_APP_ROLE, password: cluster.appPassword };
  await prepareDatabase(url, appRole);
  await liftApiLimits(owner);
  await owner.end();

  const port = Number(process.env.BENCH_HTTP_PORT ?? 3300);
  const base = `http://localhost:${port}`;
  // The server gets none of this process's NODE_OPTIONS (the bench runs with react-server conditions).
  const { NODE_OPTIONS: _, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_APP_URL: runtimeUrl(url, appRole),
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: base,
    PORTAL_JOBS: '0',
    DB_POOL_MAX: '20',
  };
  /** A production server of the checkout in cwd on port (profiled into dir when given). */
  const startServer = (where: { cwd: string; port: number; profile?: string; env?: Record<string, string> }) =>
    startBenchServer({ ...where, env: { ...env, ...where.env }, nextStart });
  /** Runs fn against a production server of this checkout (profiled into dir when given). */
  const withServer = async <T>(dir: string | null, fn: (pid: number, startedAt: number) => Promise<T>): Promise<T> => {
    const startedAt = performance.now();
    const server = await startServer({ cwd: process.cwd(), port, profile: dir ?? undefined });
    try {
      return await fn(server.pid, startedAt);
    } finally {
      await server.stop();
    }
  };
  console.log(JSON.stringify({ machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version }, options: { ...opts, server: nextStart ? 'next start' : 'scripts/serve.ts (npm start)' } }));

  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    // Signed in once; the cookies are good on every server (the same secret and database).
    const endpoints = await withServer(null, () => pathEndpoints(base));
    for (const [n, e] of endpoints.entries()) {
      const dir = path.join(profileDir, `.${n}`);
      const r = await withServer(dir, async (pid, startedAt) => {
        // A fresh server runs cold: warm it up first; the profile's samples before `skipSeconds`
        // (from the server's start) are the warm-up's.
        await load(base, e.endpoint, e.path, { seconds: Math.max(3, opts.seconds / 2), connections: opts.connections, headers: e.headers });
        const skipSeconds = Math.ceil((performance.now() - startedAt) / 1000);
        const cpu0 = cpuMs({ pid });
        const result = await load(base, e.endpoint, e.path, { seconds: opts.seconds, connections: opts.connections, headers: e.headers });
        return { ...result, skipSeconds, nodeCpuMsPerRequest: +((cpuMs({ pid }) - cpu0) / Math.max(1, result.requests)).toFixed(2) };
      });
      const [written] = readdirSync(dir);
      renameSync(path.join(dir, written!), path.join(profileDir, `${n}.cpuprofile`));
      log(`${n}.cpuprofile ${e.endpoint}: ${r.requests} requests after ${r.skipSeconds} s, ${r.requestsPerSec} req/s, CPU ms/req node ${r.nodeCpuMsPerRequest}${r.non2xx ? `, ${r.non2xx} not 2xx` : ''}`);
      if (r.non2xx) failed = true;
    }
  } else if (compareDir) {
    if (!existsSync(path.join(compareDir, '.next/BUILD_ID'))) throw new Error(`No production build in ${compareDir}: run \`npx next build\` there first.`);
    const mine = await startServer({ cwd: process.cwd(), port });
    const other = await startServer({ cwd: compareDir, port: port + 1 }).catch(async (error: unknown) => {
      await mine.stop();
      throw error;
    });
    try {
      // The same session cookies work on both (one secret, one database).
      const endpoints = await pathEndpoints(mine.url);
      const rows: { endpoint: string; server: 'this' | 'other'; round: number; requestsPerSec: number; p99ms: number; nodeCpuMsPerRequest: number; postgresCpuMsPerRequest: number; non2xx: number }[] = [];
      for (let round = 0; round < opts.rounds; round++) {
        for (const e of endpoints) {
          // Alternate which goes first, so neither always runs in the other's wake.
          const order = round % 2 === 0 ? ([['this', mine], ['other', other]] as const) : ([['other', other], ['this', mine]] as const);
          for (const [name, server] of order) {
            const node0 = cpuMs({ pid: server.pid });
            const pg0 = cpuMs({ comm: 'postgres' });
            const r = await load(server.url, e.endpoint, e.path, { seconds: opts.seconds, connections: opts.connections, headers: e.headers });
            const per = (ms: number) => +(ms / Math.max(1, r.requests)).toFixed(2);
            rows.push({ endpoint: e.endpoint, server: name, round, requestsPerSec: r.requestsPerSec, p99ms: r.p99ms, nodeCpuMsPerRequest: per(cpuMs({ pid: server.pid }) - node0), postgresCpuMsPerRequest: per(cpuMs({ comm: 'postgres' }) - pg0), non2xx: r.non2xx + r.errors });
          }
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      for (const e of endpoints) {
        const of = (name: 'this' | 'other') => rows.filter((r) => r.endpoint === e.endpoint && r.server === name);
        const pick = (name: 'this' | 'other', k: 'requestsPerSec' | 'p99ms' | 'nodeCpuMsPerRequest' | 'postgresCpuMsPerRequest') => median(of(name).map((r) => r[k]));
        log(`${e.endpoint}: this ${pick('this', 'requestsPerSec')} req/s vs ${pick('other', 'requestsPerSec')} (x${(pick('this', 'requestsPerSec') / pick('other', 'requestsPerSec')).toFixed(2)}), p99 ${pick('this', 'p99ms')} vs ${pick('other', 'p99ms')} ms, CPU ms/req node ${pick('this', 'nodeCpuMsPerRequest')} vs ${pick('other', 'nodeCpuMsPerRequest')}, pg ${pick('this', 'postgresCpuMsPerRequest')} vs ${pick('other', 'postgresCpuMsPerRequest')}`);
      }
      if (rows.some((r) => r.non2xx > 0)) {
        failed = true;
        log('some answers were not 2xx');
      }
    } finally {
      await Promise.all([mine.stop(), other.stop()]);
    }
  } else {
    const result = await withServer(null, async (pid) => {
      const endpoints = await pathEndpoints(base);
      const flights = await flightsPerRequest(env.DATABASE_APP_URL!, endpoints, (appUrl) =>
        startServer({ cwd: process.cwd(), port: port + 2, env: { DATABASE_APP_URL: appUrl, DB_POOL_MAX: '2' } }),
      );
      return requestPath(base, { endpoints, seconds: opts.seconds, connections: [opts.connections], rounds: opts.rounds, serverPid: pid, flights });
    });
    for (const r of result.summary) {
      log(describePathRow(r));
      if (r.non2xx) failed = true;
    }
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cluster.stop();
}
process.exit(failed ? 1 : 0);

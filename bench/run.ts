/**
 * `npm run bench`: SQL cost of RLS, flat scaling, and HTTP floor-versus-read, in one run, on a
 * production build. Writes bench/results/<date>.json. Fails only when the harness breaks or a
 * tenant-scoped list query plans a sequential scan; slow numbers are reported, never fatal.
 *
 *   npm run bench -- [--tenants 1000] [--seconds 20] [--connections 50] [--runs 2000]
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import postgres from 'postgres';
import { prepareDatabase, runtimeUrl } from '../db/bootstrap';
import { connect } from '../db/client';
import type { Tx } from '../lib/data/tx';
import { keysetCursorAfter } from '../lib/data/list';
import { usersListQuery } from '../lib/data/users';
import { listUsersSchema } from '../lib/validation/users';
import { BENCH_APP_ROLE, openBenchCluster } from './cluster';
import { billingBench } from './billing';
import { ticketsBench } from './tickets';
import { integrationsBench } from './integrations';
import { newApiKey } from '../lib/auth/api-key';
import { buildDataset, datasetName, ensureInvoices, ensureKycQueue, ensureSubscriptions, ensureTickets } from './data';
import { describePathRow, floorAndRead, flightsPerRequest, kycUpload, liftApiLimits, pathEndpoints, requestPath, startBenchServer, subscribeCycle } from './load';
import { subscriptionsListQuery } from '../lib/data/subscriptions';
import { listSubscriptionsSchema } from '../lib/validation/plans';
import { kycQueueQuery } from '../lib/data/kyc';
import { kycQueueSchema } from '../lib/validation/kyc-queue';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const opts = {
  tenants: arg('tenants', 1000),
  seconds: arg('seconds', 20),
  connections: arg('connections', 50),
  runs: arg('runs', 2000),
  // Invoices across the 50 tenants Acme manages: 500,000 at 1,000 tenants, 500 a tenant below.
  invoices: arg('invoices', arg('tenants', 1000) >= 1000 ? 500_000 : arg('tenants', 1000) * 500),
  small: 10,
  // Webhook events (to 10 endpoints) and users due for the digest at once: 10,000 each at 1,000
  // tenants, 2,000 in a smaller (CI) run.
  events: arg('events', arg('tenants', 1000) >= 1000 ? 10_000 : 2_000),
  digestUsers: arg('digest-users', arg('tenants', 1000) >= 1000 ? 10_000 : 2_000),
  // The request path side by side (health, /me, home read, link read), interleaved rounds.
  pathRounds: arg('path-rounds', 1),
};
const log = (m: string) => console.log(`[bench] ${m}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(3);
};

const cluster = await openBenchCluster();
const appRole = { ...BENCH_APP_ROLE, password: cluster.appPassword };
let failed = false;

async function ensureDataset(tenants: number): Promise<string> {
  const url = cluster.urlFor(datasetName(tenants));
  const server = postgres(cluster.urlFor('postgres'), { max: 1, onnotice: () => {} });
  const [exists] = await server`select 1 from pg_database where datname = ${datasetName(tenants)}`;
  await server.end();
  let ready = false;
  if (exists) {
    const db = postgres(url, { max: 1, onnotice: () => {} });
    const [row] = await db`select count(*)::int as n from tenants where slug ~ '^t[0-9]{5}$'`.catch(() => [{ n: -1 }]);
    await db.end();
    ready = row?.n === tenants;
  }
  if (!ready) {
    log(`building the ${tenants}-tenant dataset`);
    await buildDataset(url, cluster.appPassword, { tenants });
  } else {
    // A dataset kept from an earlier run gets the migrations written since.
    await prepareDatabase(url, appRole);
  }
  return url;
}

type Query = { sql: string; params: unknown[] };

/** The users list query for a tenant: the first page, or (deep) a page from the middle of it. */
async function listQuery(ownerUrl: string, slug: string, deep = false): Promise<{ tenantId: string; query: Query }> {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const [t] = await owner`select id from tenants where slug = ${slug}`;
  let cursor: string | undefined;
  if (deep) {
    const [row] = await owner`select created_at::text as c, id from users where tenant_id = ${t!.id}
      order by created_at desc, id desc offset (select count(*) / 2 from users where tenant_id = ${t!.id}) limit 1`;
    cursor = keysetCursorAfter(row!.c as string, row!.id as string);
  }
  await owner.end();
  // The portal's own query builder: exactly the SQL the users endpoint runs.
  const builder = connect(ownerUrl, 1).db as unknown as Tx;
  const q = usersListQuery(builder, t!.id as string, listUsersSchema.parse({ limit: 50, cursor })).toSQL();
  return { tenantId: t!.id as string, query: { sql: q.sql, params: q.params } };
}

/** The reviewer queue's first page (waiting, oldest first) in the probe tenant, as the portal builds it. */
async function kycQueue(ownerUrl: string): Promise<{ tenantId: string; query: Query }> {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const [t] = await owner`select id from tenants where slug = 'probe'`;
  await owner.end();
  const builder = connect(ownerUrl, 1).db as unknown as Tx;
  const q = kycQueueQuery(builder, t!.id as string, t!.id as string, kycQueueSchema.parse({})).toSQL();
  return { tenantId: t!.id as string, query: { sql: q.sql, params: q.params } };
}

/** The Subscriptions workspace's first page in a tenant, as the portal builds it. */
async function subscriptionsList(ownerUrl: string, slug: string, filter: { state?: 'suspended' }): Promise<{ tenantId: string; query: Query }> {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const [t] = await owner`select id from tenants where slug = ${slug}`;
  await owner.end();
  const builder = connect(ownerUrl, 1).db as unknown as Tx;
  const q = subscriptionsListQuery(builder, t!.id as string, listSubscriptionsSchema.parse({ limit: 50, ...filter })).toSQL();
  return { tenantId: t!.id as string, query: { sql: q.sql, params: q.params } };
}

/**
 * Times a query `runs` times after 50 warm-ups. `prepare: true` (a named statement: after five
 * runs PostgreSQL may switch to a generic plan) or false (unnamed, planned for its parameters
 * each time: how drizzle on postgres.js runs the portal's queries today).
 */
async function timeQuery(client: postgres.Sql | postgres.TransactionSql, q: Query, runs: number, prepare = true): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 50; i++) {
    const t0 = performance.now();
    await client.unsafe(q.sql, q.params as never[], { prepare });
    if (i >= 50) times.push(performance.now() - t0);
  }
  return times;
}

async function asRuntime<T>(ownerUrl: string, tenantId: string, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const app = postgres(runtimeUrl(ownerUrl, appRole), { max: 1, onnotice: () => {} });
  try {
    return (await app.begin(async (tx) => {
      await tx`select set_config('app.tenant_id', ${tenantId}, true), set_config('app.tenant_ids', ${`{${tenantId}}`}, true)`;
      return fn(tx);
    })) as T;
  } finally {
    await app.end();
  }
}

try {
  const bigUrl = await ensureDataset(opts.tenants);
  const smallUrl = await ensureDataset(opts.small);

  // 1. The cost of RLS on the largest tenant's list query.
  const largest = await listQuery(bigUrl, 't00001');
  const rls = await asRuntime(bigUrl, largest.tenantId, (tx) => timeQuery(tx, largest.query, opts.runs));
  const ownerSql = postgres(bigUrl, { max: 1, onnotice: () => {} });
  const ownerTimes = await timeQuery(ownerSql, largest.query, opts.runs);
  await ownerSql.end();
  const sqlResult = {
    tenant: 't00001',
    runs: opts.runs,
    rls: { p50ms: pct(rls, 50), p99ms: pct(rls, 99) },
    ownerExplicitPredicate: { p50ms: pct(ownerTimes, 50), p99ms: pct(ownerTimes, 99) },
    rlsOverOwnerP50: +(pct(rls, 50) / pct(ownerTimes, 50)).toFixed(2),
  };
  log(`SQL ${JSON.stringify(sqlResult)}`);

  // 1b. The KYC reviewer queue's first page in a tenant with 100,000 submissions (the portal's own query).
  await ensureKycQueue(bigUrl, log);
  const queue = await kycQueue(bigUrl);
  const queueTimes = await asRuntime(bigUrl, queue.tenantId, (tx) => timeQuery(tx, queue.query, opts.runs));
  const [{ n: submissions }] = (await asRuntime(bigUrl, queue.tenantId, (tx) => tx`select count(*)::int as n from kyc_submissions`)) as unknown as [{ n: number }];
  const kycQueueResult = { submissions, runs: opts.runs, p50ms: pct(queueTimes, 50), p99ms: pct(queueTimes, 99) };
  log(`KYC queue ${JSON.stringify(kycQueueResult)}`);

  // 1c. The Subscriptions list's first page on the largest tenant, over every bench tenant's subscriptions.
  const subscriptionCount = await ensureSubscriptions(bigUrl, log);
  const subsList = await subscriptionsList(bigUrl, 't00001', {});
  const subsSuspended = await subscriptionsList(bigUrl, 't00001', { state: 'suspended' });
  const subsTimes = await asRuntime(bigUrl, subsList.tenantId, (tx) => timeQuery(tx, subsList.query, opts.runs, false));
  const suspendedTimes = await asRuntime(bigUrl, subsSuspended.tenantId, (tx) => timeQuery(tx, subsSuspended.query, opts.runs, false));
  // The same page as a named statement (generic plan after five runs): what named prepared
  // statements (docs/performance.md, issue "Performance") would meet.
  const subsGeneric = await asRuntime(bigUrl, subsList.tenantId, (tx) => timeQuery(tx, subsList.query, opts.runs, true));
  const subscriptionsResult = {
    subscriptions: subscriptionCount,
    tenant: 't00001',
    runs: opts.runs,
    firstPage: { p50ms: pct(subsTimes, 50), p99ms: pct(subsTimes, 99) },
    suspendedFirstPage: { p50ms: pct(suspendedTimes, 50), p99ms: pct(suspendedTimes, 99) },
    firstPageNamedStatement: { p50ms: pct(subsGeneric, 50), p99ms: pct(subsGeneric, 99) },
  };
  log(`subscriptions list ${JSON.stringify(subscriptionsResult)}`);

  // 1d. Consolidated billing over the 50 tenants Acme manages, and an export of all their invoices.
  const invoiceCount = await ensureInvoices(bigUrl, opts.invoices, log);
  const billing = { invoicesSeeded: invoiceCount, ...(await billingBench(bigUrl, runtimeUrl(bigUrl, appRole), { runs: Math.min(50, opts.runs), pct, log })) };

  // 1e. Support: the ticket board and the SLA report over Acme's managed tenants, and the breach
  // scan over every tenant (1,000,000 tickets at 1,000 tenants).
  const ticketCount = await ensureTickets(bigUrl, opts.tenants * 1000, log);
  const support = { ticketsSeeded: ticketCount, ...(await ticketsBench(bigUrl, runtimeUrl(bigUrl, appRole), { runs: Math.min(50, opts.runs), pct, log })) };

  // 1f. Integrations: webhook fan-out (10,000 events to 10 local endpoints) and the daily digest
  // for 10,000 users due at once (2,000 of each below 1,000 tenants).
  const integrations = await integrationsBench(bigUrl, runtimeUrl(bigUrl, appRole), { events: opts.events, endpoints: 10, digestUsers: opts.digestUsers, pct, log });

  // Plans: no tenant-scoped list query may scan a tenant table sequentially (plans excepted: a
  // tenant has tens, the whole table a few pages, and the planner rightly reads it whole).
  const plans: Record<string, string> = {};
  const deep = await listQuery(bigUrl, 't00001', true);
  for (const [name, q] of [['users list, first page', largest], ['users list, deep cursor', deep], ['KYC queue, first page', queue], ['subscriptions list, first page', subsList], ['subscriptions list, suspended', subsSuspended]] as const) {
    const rows = await asRuntime(bigUrl, q.tenantId, (tx) =>
      tx.unsafe(`explain (analyze, buffers) ${q.query.sql}`, q.query.params as never[]),
    );
    plans[name] = rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    if (/Seq Scan on (users|sessions|roles|role_permissions|user_roles|audit_events|audit_digests|audit_digest_events|kyc_submissions|subscriptions)\b/.test(plans[name]!)) {
      log(`FAIL: ${name} plans a sequential scan:\n${plans[name]}`);
      failed = true;
    }
  }

  // 2. Flat scaling: the same 5,000-user probe tenant's list query at 10 and at N tenants.
  const probeSmall = await listQuery(smallUrl, 'probe');
  const probeBig = await listQuery(bigUrl, 'probe');
  const small = await asRuntime(smallUrl, probeSmall.tenantId, (tx) => timeQuery(tx, probeSmall.query, opts.runs));
  const big = await asRuntime(bigUrl, probeBig.tenantId, (tx) => timeQuery(tx, probeBig.query, opts.runs));
  const scaling = {
    [`p50ms at ${opts.small} tenants`]: pct(small, 50),
    [`p50ms at ${opts.tenants} tenants`]: pct(big, 50),
    ratio: +(pct(big, 50) / pct(small, 50)).toFixed(2),
  };
  log(`scaling ${JSON.stringify(scaling)}`);

  // 3. HTTP on a production build against the N-tenant dataset.
  if (!existsSync('.next/BUILD_ID')) {
    log('building the production bundle');
    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const limitsSql = postgres(bigUrl, { max: 1, onnotice: () => {} });
  await liftApiLimits(limitsSql);
  // The subscribe-confirm cycle: Cora (company, no quota) starts with no plan, on Fiber Pro 500.
  await limitsSql`update subscriptions set state = 'unsigned', ended_at = now(), suspended_at = null, suspension_reason = null
    where user_id in (select id from users where email = 'company@northwind.example') and state in ('signing', 'signed', 'suspended')`;
  const [pro] = await limitsSql`select p.id from plans p join tenants t on t.id = p.tenant_id where t.slug = 'northwind' and p.name = 'Fiber Pro 500'`;
  // Alice's API key for the same read as her cookie (the permissions that read northwind's users).
  const key = newApiKey();
  await limitsSql`insert into api_keys (tenant_id, id, name, secret_hash, permissions, user_id, created_by_label)
    select u.tenant_id, ${key.id}, 'bench', ${key.secretHash}, ${limitsSql.array(['users.read', 'partner.tenants.switch_context', 'partner.provisioning.subscribers.read'])}, u.id, 'bench'
    from users u join tenants t on t.id = u.tenant_id where t.slug = 'acme-msp' and u.email = 'alice@acme-msp.example'`;
  await limitsSql.end();
  const port = Number(process.env.BENCH_HTTP_PORT ?? 3300);
  const base = `http://localhost:${port}`;
  const serverEnv = {
    ...process.env,
    NODE_ENV: 'production' as const,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_APP_URL: runtimeUrl(bigUrl, appRole),
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    PORTAL_JOBS: '0',
    DB_POOL_MAX: '20',
  };
  const server = await startBenchServer({ cwd: process.cwd(), port, env: serverEnv, nextStart: true });
  let http;
  let path;
  let upload;
  let cycle;
  try {
    http = await floorAndRead(base, { seconds: opts.seconds, connections: opts.connections, apiKey: key.token });
    log(`HTTP ${JSON.stringify(http)}`);
    // Flights to PostgreSQL per request, on a server of their own whose pool a proxy counts.
    const endpoints = await pathEndpoints(base);
    const flights = await flightsPerRequest(serverEnv.DATABASE_APP_URL, endpoints, (appUrl) =>
      startBenchServer({ cwd: process.cwd(), port: port + 2, env: { ...serverEnv, DATABASE_APP_URL: appUrl, DB_POOL_MAX: '2' }, nextStart: true }),
    );
    path = await requestPath(base, { endpoints, seconds: opts.seconds, connections: [...new Set([10, opts.connections, 50])].sort((a, b) => a - b), rounds: opts.pathRounds, serverPid: server.pid, flights });
    for (const r of path.summary) log(`path ${describePathRow(r)}`);
    upload = await kycUpload(base, { bytes: 5 * 1024 * 1024, runs: 20 });
    log(`KYC upload ${JSON.stringify(upload)}`);
    const codes = postgres(bigUrl, { max: 1, onnotice: () => {} });
    try {
      cycle = await subscribeCycle(base, {
        runs: Math.min(200, opts.runs),
        planId: pro!.id as string,
        codeOf: async () => {
          const [m] = await codes`select body from mail_outbox where to_address = 'company@northwind.example' and subject like '%confirmation code%' order by created_at desc limit 1`;
          return /code is (\d{6})/.exec(m!.body as string)![1]!;
        },
      });
    } finally {
      await codes.end();
    }
    log(`subscribe-confirm cycle ${JSON.stringify(cycle)}`);
  } finally {
    await server.stop();
  }

  const result = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    options: opts,
    sql: sqlResult,
    scaling,
    http,
    requestPath: path,
    kycQueue: kycQueueResult,
    kycUpload: upload,
    subscriptionsList: subscriptionsResult,
    subscribeConfirmCycle: cycle,
    consolidatedBilling: billing,
    support,
    integrations,
    targets: {
      'ticket board first page p50 <= 60 ms': support.boardFirstPage.p50ms <= 60,
      'ticket board <= 3 data statements': support.boardFirstPage.statements.data <= 3,
      'SLA report over 90 days p50 <= 200 ms': support.slaReport90Days.p50ms <= 200,
      'consolidated summary p50 <= 60 ms': billing.summary.p50ms <= 60,
      'consolidated first invoice page p50 <= 60 ms': billing.firstInvoicePage.p50ms <= 60,
      'consolidated reads <= 3 data statements': billing.summary.statements.data <= 3 && billing.firstInvoicePage.statements.data <= 3,
      'export worker peak RSS < 200 MB (as the worker runs)': billing.export.asTheWorker.maxRssMiB < 200 && billing.export.asTheWorker.status === 'ready',
      'export flat under a 64 MB heap': billing.export.heapCapped.status === 'ready',
      'RLS cost at p50 <= 10%': sqlResult.rlsOverOwnerP50 <= 1.1,
      'scaling ratio <= 1.2': scaling.ratio <= 1.2,
      'read >= 60% of floor rps': http.readOverFloorRps >= 0.6,
      'read p99 <= 2x floor p99': http.readP99OverFloorP99 <= 2,
      'read answered 2xx only': http.read.non2xx === 0 && http.read.errors === 0,
      'request path answered 2xx only': path.summary.every((r) => r.non2xx === 0),
    },
    plans,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${result.date.slice(0, 10)}${process.env.CI ? '-ci' : ''}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  log(`targets ${JSON.stringify(result.targets)}`);
  log(`wrote ${file}`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cluster.stop();
}
process.exit(failed ? 1 : 0);

import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { env, settings } from '@/lib/env';
import { queueStats } from '@/lib/data/health';

// Prometheus metrics of one web instance (each instance is scraped on its own). Next.js may load
// this module once per route bundle: the registry and its metrics live on globalThis, so every
// copy counts into the same ones.

type Metrics = ReturnType<typeof create>;
const KEY = Symbol.for('portal.metrics');

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'portal_' });
  const requests = new Counter({
    name: 'portal_http_requests_total',
    help: 'API calls answered, by route (ids left out), method, status and where the caller acted (home or link).',
    labelNames: ['route', 'method', 'status', 'via'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'Time this instance spent on an API call.',
    labelNames: ['route', 'method', 'via'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const actions = new Counter({
    name: 'portal_actions_total',
    help: 'Server actions run, by the permission they name and their outcome (ok or the error code).',
    labelNames: ['permission', 'outcome'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'portal_limit_refusals_total',
    help: 'Calls refused by an API rate limit (kind rate_limit) or a user quota (kind usage).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'portal_db_transactions_in_flight',
    help: 'Database transactions open on this instance now (the pool has DB_POOL_MAX connections; more than that wait).',
    registers: [registry],
  });
  new Gauge({
    name: 'portal_db_pool_max',
    help: 'Connections in this instance\'s runtime pool.',
    registers: [registry],
    collect() {
      this.set(env().DB_POOL_MAX);
    },
  });
  const jobs = new Gauge({ name: 'portal_jobs', help: 'Jobs in the queue by queue and state.', labelNames: ['queue', 'state'] as const, registers: [registry] });
  const oldest = new Gauge({
    name: 'portal_job_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting to run (created or retry), by queue.',
    labelNames: ['queue'] as const,
    registers: [registry],
  });
  const sealing = new Gauge({
    name: 'portal_audit_sealing_lag_seconds',
    help: 'Time since the audit-sealing job last completed: how far the sealed chain may trail the log.',
    registers: [registry],
  });
  return { registry, requests, latency, actions, refusals, inFlight, jobs, oldest, sealing };
}

export function metrics(): Metrics {
  const g = globalThis as unknown as Record<symbol, Metrics | undefined>;
  return (g[KEY] ??= create());
}

/** Queue and sealing gauges, read at scrape time (two small queries on the job tables). */
async function refreshQueueGauges(m: Metrics): Promise<void> {
  const { queues, sealingLagSeconds } = await queueStats();
  m.jobs.reset();
  m.oldest.reset();
  for (const q of queues) {
    m.jobs.set({ queue: q.name, state: q.state }, q.n);
    if (q.oldest !== null) m.oldest.set({ queue: q.name }, q.oldest);
  }
  if (sealingLagSeconds !== null) m.sealing.set(sealingLagSeconds);
}

/** The Prometheus text, or null when the caller did not present METRICS_TOKEN (or none is set). */
export async function scrape(authorization: string | null): Promise<{ body: string; contentType: string } | 'absent' | 'unauthorized'> {
  const token = settings().METRICS_TOKEN;
  if (!token) return 'absent';
  const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'unauthorized';
  const m = metrics();
  await refreshQueueGauges(m).catch(() => undefined);
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}

/** A refusal by a rate limit or a quota, counted by kind. */
export function countRefusal(error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'RATE_LIMIT_EXCEEDED') metrics().refusals.inc({ kind: 'rate_limit' });
  else if (code === 'USAGE_LIMIT_EXCEEDED') metrics().refusals.inc({ kind: 'usage' });
}

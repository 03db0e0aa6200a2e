import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import {
  nextAttemptDelaySeconds,
  WEBHOOK_DISABLE_AFTER_MS,
  WEBHOOK_RESPONSE_CAP_BYTES,
  WEBHOOK_RESPONSE_KEPT_BYTES,
  WEBHOOK_TIMEOUT_MS,
} from '@/lib/config/webhooks';
import { settings } from '@/lib/env';
import { safePost } from '@/lib/webhooks/ssrf';
import { signatureHeaders } from '@/lib/webhooks/sign';
import type { Tx } from '../tx';

export type EndpointForSend = { id: string; url: string; secret: string; previousSecret: string | null; previousSecretUntil: Date | null };
export type Outcome = {
  request: { url: string; headers: Record<string, string>; body: string };
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
  /** Seconds the receiver asked to wait (Retry-After on 429, 502, 503, 504). */
  retryAfter: number | null;
};

export const sendPolicy = () => ({ allowHttpLocalhost: settings().WEBHOOKS_ALLOW_HTTP_LOCALHOST === '1' });

/** One attempt: the body exactly as stored, signed with the live secrets, posted through the SSRF guard. */
export async function attemptDelivery(endpoint: EndpointForSend, eventId: string, payload: unknown, now = new Date()): Promise<Outcome> {
  const body = JSON.stringify(payload);
  const secrets = [endpoint.secret, ...(endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now ? [endpoint.previousSecret] : [])];
  const headers = { 'content-type': 'application/json', 'user-agent': 'PartnerPortal-Webhooks/1.0', ...signatureHeaders(eventId, body, secrets, now) };
  const request = { url: endpoint.url, headers, body };
  const started = performance.now();
  try {
    const res = await safePost(endpoint.url, body, headers, { ...sendPolicy(), timeoutMs: WEBHOOK_TIMEOUT_MS, maxBytes: WEBHOOK_RESPONSE_CAP_BYTES });
    const retryAfter = [429, 502, 503, 504].includes(res.status) ? retryAfterSeconds(res.headers['retry-after'], now) : null;
    return { request, statusCode: res.status, durationMs: res.durationMs, response: res.body.slice(0, WEBHOOK_RESPONSE_KEPT_BYTES), error: res.status >= 300 && res.status < 400 ? 'redirect not followed' : null, retryAfter };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { request, statusCode: null, durationMs: Math.round(performance.now() - started), response: null, error: `${e.code ? `${e.code}: ` : ''}${e.message}`.slice(0, 500), retryAfter: null };
  }
}

function retryAfterSeconds(value: string | string[] | undefined, now: Date): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Math.min(Number(v), 86_400);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.min(86_400, Math.round((at - now.getTime()) / 1000)));
}

export const succeeded = (o: Outcome) => o.statusCode !== null && o.statusCode >= 200 && o.statusCode < 300;

/**
 * Records an attempt and what follows from it, in the delivery's tenant: delivered; or the next
 * attempt on the schedule (later when the receiver asked with Retry-After); or failed after the
 * last. 410 Gone disables the endpoint; so does failing for 5 days without a success. Returns
 * whether this attempt disabled the endpoint, and why.
 */
export async function recordAttempt(
  tx: Tx,
  d: { tenantId: string; id: string; endpointId: string; attempt: number },
  o: Outcome,
  opts: { schedule: boolean },
): Promise<{ disabled: 'gone' | 'failing' | null; status: 'delivered' | 'pending' | 'failed' | 'unchanged' }> {
  await tx.insert(webhookAttempts).values({ tenantId: d.tenantId, deliveryId: d.id, attempt: d.attempt, statusCode: o.statusCode, durationMs: o.durationMs, response: o.response, error: o.error });
  const where = and(eq(webhookDeliveries.tenantId, d.tenantId), eq(webhookDeliveries.id, d.id));
  const endpointWhere = and(eq(webhookEndpoints.tenantId, d.tenantId), eq(webhookEndpoints.id, d.endpointId));
  if (succeeded(o)) {
    await tx.update(webhookDeliveries).set({ status: 'delivered', deliveredAt: sql`now()`, lastStatusCode: o.statusCode, lastError: null }).where(where);
    await tx.update(webhookEndpoints).set({ failingSince: null }).where(endpointWhere);
    return { disabled: null, status: 'delivered' };
  }
  const gone = o.statusCode === 410;
  const delay = gone || !opts.schedule ? null : nextAttemptDelaySeconds(d.attempt);
  const wait = delay === null ? null : Math.max(delay, o.retryAfter ?? 0);
  await tx
    .update(webhookDeliveries)
    .set({
      status: wait === null ? (opts.schedule ? 'failed' : sql`${webhookDeliveries.status}`) : 'pending',
      lastStatusCode: o.statusCode,
      lastError: o.error ?? `HTTP ${o.statusCode}`,
      ...(wait !== null ? { nextAttemptAt: sql`now() + make_interval(secs => ${wait})` } : {}),
    })
    .where(where);
  const status = wait !== null ? 'pending' : opts.schedule ? 'failed' : 'unchanged';
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
    .where(endpointWhere)
    .returning({ failingSince: webhookEndpoints.failingSince, enabled: webhookEndpoints.enabled });
  if (!endpoint?.enabled) return { disabled: null, status };
  const failingTooLong = endpoint.failingSince !== null && Date.now() - endpoint.failingSince.getTime() >= WEBHOOK_DISABLE_AFTER_MS;
  if (!gone && !failingTooLong) return { disabled: null, status };
  const reason = gone ? 'gone' : 'failing';
  await tx
    .update(webhookEndpoints)
    .set({
      enabled: false,
      disabledAt: sql`now()`,
      disabledReason: gone ? 'The endpoint answered 410 Gone.' : 'Every delivery failed for 5 days.',
      updatedAt: sql`now()`,
    })
    .where(endpointWhere);
  // Nothing more goes to a disabled endpoint: its waiting deliveries end as failed.
  await tx
    .update(webhookDeliveries)
    .set({ status: 'failed', lastError: sql`coalesce(${webhookDeliveries.lastError}, 'endpoint disabled')` })
    .where(and(eq(webhookDeliveries.tenantId, d.tenantId), eq(webhookDeliveries.endpointId, d.endpointId), eq(webhookDeliveries.status, 'pending')));
  return { disabled: reason, status: status === 'pending' ? 'failed' : status };
}

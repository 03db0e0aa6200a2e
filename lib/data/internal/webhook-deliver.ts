import 'server-only';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { roles, tenants, userRoles, users, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { WEBHOOK_BATCH, WEBHOOK_LEASE_SECONDS } from '@/lib/config/webhooks';
import { log } from '@/lib/log';
import { appDb } from '../db';
import { recordSystemAudit } from '../audit';
import { inTenantScope, type Tx } from '../tx';
import { notifyUser } from './notify';
import { attemptDelivery, recordAttempt, succeeded } from './webhook-send';

export type WebhookRunResult = { tenants: number; delivered: number; retrying: number; failed: number; disabled: number };

/** Sends at most this many deliveries of one tenant at once. */
const CONCURRENCY = 8;

/**
 * The sender (queue `webhooks-deliver`): every tenant with deliveries due, each in its own scope.
 * A pass takes up to WEBHOOK_BATCH under a lease (attempt counted, next attempt moved past the
 * lease) and commits, sends them (eight at a time) outside any transaction, and records each
 * attempt. A sender killed mid-send leaves its deliveries leased: the next pass after the lease
 * sends them again with the same webhook-id, so each endpoint gets each event at least once.
 */
export async function unsafeDeliverWebhooks(opts: { maxTenants?: number } = {}): Promise<WebhookRunResult> {
  const out: WebhookRunResult = { tenants: 0, delivered: 0, retrying: 0, failed: 0, disabled: 0 };
  const due = await appDb().execute<{ tenant_id: string }>(sql`select tenant_id from portal_webhook_due_tenants(${opts.maxTenants ?? 1000})`);
  for (const { tenant_id: tenantId } of due) {
    out.tenants += 1;
    for (;;) {
      const batch = await inTenantScope({ tenantId }, (tx) => takeDue(tx, tenantId));
      if (batch.length === 0) break;
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          const item = batch[next++]!;
          const outcome = await attemptDelivery(item.endpoint, item.eventId, item.payload);
          // One delivery's record failing (its endpoint deleted meanwhile) costs that delivery,
          // not the batch: the others are still recorded, and a leased one goes again later.
          const recorded = await inTenantScope({ tenantId }, async (tx) => {
            const r = await recordAttempt(tx, { tenantId, id: item.id, endpointId: item.endpoint.id, attempt: item.attempts }, outcome, { schedule: true });
            if (r.disabled) await tellAdmins(tx, tenantId, item.endpoint, r.disabled);
            return r;
          }).catch((error: unknown) => {
            log('warn', 'webhook attempt not recorded', { tenantId, deliveryId: item.id, error: error instanceof Error ? error.message : String(error) });
            return null;
          });
          if (!recorded) continue;
          const { disabled, status } = recorded;
          if (succeeded(outcome)) out.delivered += 1;
          else if (status === 'failed') out.failed += 1;
          else out.retrying += 1;
          if (disabled) out.disabled += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, worker));
      if (batch.length < WEBHOOK_BATCH) break;
    }
  }
  return out;
}

type Due = { id: string; eventId: string; payload: unknown; attempts: number; endpoint: { id: string; url: string; secret: string; previousSecret: string | null; previousSecretUntil: Date | null } };

async function takeDue(tx: Tx, tenantId: string): Promise<Due[]> {
  const ids = tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, sql`now()`)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(WEBHOOK_BATCH)
    .for('update', { skipLocked: true });
  const taken = await tx
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${WEBHOOK_LEASE_SECONDS})` })
    .where(and(eq(webhookDeliveries.tenantId, tenantId), inArray(webhookDeliveries.id, ids)))
    .returning({ id: webhookDeliveries.id, eventId: webhookDeliveries.eventId, payload: webhookDeliveries.payload, attempts: webhookDeliveries.attempts, endpointId: webhookDeliveries.endpointId });
  if (taken.length === 0) return [];
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, secret: webhookEndpoints.secret, previousSecret: webhookEndpoints.previousSecret, previousSecretUntil: webhookEndpoints.previousSecretUntil, enabled: webhookEndpoints.enabled })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), inArray(webhookEndpoints.id, [...new Set(taken.map((t) => t.endpointId))])));
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  const stopped = taken.filter((t) => !byId.get(t.endpointId)?.enabled).map((t) => t.id);
  if (stopped.length > 0) {
    await tx.update(webhookDeliveries).set({ status: 'failed', lastError: 'endpoint disabled' }).where(and(eq(webhookDeliveries.tenantId, tenantId), inArray(webhookDeliveries.id, stopped)));
  }
  return taken.filter((t) => byId.get(t.endpointId)?.enabled).map((t) => ({ id: t.id, eventId: t.eventId, payload: t.payload, attempts: t.attempts, endpoint: byId.get(t.endpointId)! }));
}

/** A disabled endpoint: its tenant's admins are told in the portal and by mail, and it is audited. */
async function tellAdmins(tx: Tx, tenantId: string, endpoint: { id: string; url: string }, reason: 'gone' | 'failing'): Promise<void> {
  const [tenant] = await tx.select({ name: tenants.name, slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId));
  const admins = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.tenantId, users.tenantId), eq(userRoles.userId, users.id)))
    .innerJoin(roles, and(eq(roles.tenantId, userRoles.tenantId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(users.tenantId, tenantId), eq(roles.key, 'admin'), eq(users.status, 'active')));
  const why = reason === 'gone' ? 'it answered 410 Gone' : 'every delivery to it failed for 5 days';
  for (const admin of admins) {
    await notifyUser(tx, {
      tenantId,
      userId: admin.id,
      kind: 'webhook.disabled',
      title: 'A webhook endpoint was turned off',
      body: `The endpoint ${endpoint.url} was turned off because ${why}. Nothing is sent to it until it is turned on again.`,
      href: `/t/${tenant?.slug}/settings/webhooks/${endpoint.id}`,
      mailTo: admin.email,
      tenantName: tenant?.name,
    });
  }
  await recordSystemAudit(tx, tenantId, { action: 'webhook.disabled', resourceType: 'webhook_endpoint', resourceId: endpoint.id, details: { reason, url: endpoint.url } });
  log('warn', 'webhook endpoint disabled', { tenantId, endpointId: endpoint.id, reason });
}

export function isReplayJob(data: unknown): data is { tenantId: string; endpointId: string; since: string } {
  const d = data as Record<string, unknown> | null;
  return typeof d?.tenantId === 'string' && typeof d.endpointId === 'string' && typeof d.since === 'string';
}

/** The replay job: the endpoint's failed deliveries since the time go back to pending, from the schedule's start. */
export async function unsafeReplayWebhooks(job: { tenantId: string; endpointId: string; since: string }): Promise<{ replayed: number }> {
  return inTenantScope({ tenantId: job.tenantId }, async (tx) => {
    const rows = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lastError: null })
      .where(
        and(
          eq(webhookDeliveries.tenantId, job.tenantId),
          eq(webhookDeliveries.endpointId, job.endpointId),
          eq(webhookDeliveries.status, 'failed'),
          gte(webhookDeliveries.createdAt, new Date(job.since)),
          sql`exists (select 1 from webhook_endpoints e where e.tenant_id = ${job.tenantId} and e.id = ${job.endpointId} and e.enabled)`,
        ),
      )
      .returning({ id: webhookDeliveries.id });
    return { replayed: rows.length };
  });
}

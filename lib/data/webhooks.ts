import 'server-only';
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { tenants, webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { TEST_EVENT_TYPE, WEBHOOK_ROTATION_OVERLAP_MS, type WebhookEventType } from '@/lib/config/webhooks';
import { AppError, notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import { actorLabelOf, type RequestContext } from '@/lib/tenancy/context';
import { checkResolves, checkUrl, UnsafeUrlError } from '@/lib/webhooks/ssrf';
import { newMessageId, newWebhookSecret } from '@/lib/webhooks/sign';
import {
  createWebhookSchema,
  deliveriesQuerySchema,
  deliveryIdSchema,
  replaySchema,
  updateWebhookSchema,
  webhookIdSchema,
  type CreateWebhookInput,
  type UpdateWebhookInput,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
  type WebhookTestDto,
} from '@/lib/validation/webhooks';
import { recordAudit } from './audit';
import { attemptDelivery, recordAttempt, sendPolicy, succeeded } from './internal/webhook-send';
import { sendJobInTransaction } from './internal/jobs';
import { withTenant, type Tx } from './tx';

// A tenant's webhook endpoints, managed at home by holders of webhooks.manage (never through a
// link: a partner receives its managed tenants' events on its own endpoints, as each link
// allows). The signing secret is shown at creation and rotation only.

function assertManages(ctx: RequestContext) {
  assertCan(ctx, 'webhooks.manage');
  if (ctx.via !== 'home') throw new AppError('FORBIDDEN', 'Webhooks are managed in your own tenant.', { permission: 'webhooks.manage' });
}

async function checkedUrl(raw: string): Promise<string> {
  try {
    const url = checkUrl(raw, sendPolicy());
    await checkResolves(url, sendPolicy());
    return url.toString();
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw new AppError('VALIDATION_ERROR', error.message, { fieldErrors: { url: [error.message] } });
    throw error;
  }
}

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  includeManaged: webhookEndpoints.includeManaged,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  disabledAt: webhookEndpoints.disabledAt,
  failingSince: webhookEndpoints.failingSince,
  previousSecretUntil: webhookEndpoints.previousSecretUntil,
  createdBy: webhookEndpoints.createdByLabel,
  createdAt: webhookEndpoints.createdAt,
  counts: sql<{ pending: number; delivered: number; failed: number }>`(select json_build_object(
      'pending', count(*) filter (where d.status = 'pending'), 'delivered', count(*) filter (where d.status = 'delivered'),
      'failed', count(*) filter (where d.status = 'failed'))
    from webhook_deliveries d where d.tenant_id = ${webhookEndpoints.tenantId} and d.endpoint_id = ${webhookEndpoints.id})`,
};
type EndpointRow = { [K in keyof typeof endpointColumns]: unknown } & {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  includeManaged: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  previousSecretUntil: Date | null;
  createdBy: string;
  createdAt: Date;
  counts: { pending: number; delivered: number; failed: number };
};

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toEndpointDto = (r: EndpointRow): WebhookEndpointDto => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.eventTypes as WebhookEventType[],
  includeManaged: r.includeManaged,
  enabled: r.enabled,
  disabledReason: r.disabledReason,
  disabledAt: iso(r.disabledAt),
  failingSince: iso(r.failingSince),
  previousSecretUntil: r.previousSecretUntil && r.previousSecretUntil.getTime() > Date.now() ? r.previousSecretUntil.toISOString() : null,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
  counts: r.counts,
});

async function endpointRow(tx: Tx, ctx: RequestContext, id: string): Promise<EndpointRow> {
  const [row] = await tx.select(endpointColumns).from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, ctx.activeTenant.id), eq(webhookEndpoints.id, id)));
  if (!row) throw notFound('Webhook endpoint');
  return row as EndpointRow;
}

export async function listWebhooks(ctx: RequestContext): Promise<WebhookEndpointDto[]> {
  assertManages(ctx);
  return withTenant(ctx, async (tx) => {
    const rows = await tx.select(endpointColumns).from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, ctx.activeTenant.id)).orderBy(desc(webhookEndpoints.createdAt)).limit(100);
    return (rows as EndpointRow[]).map(toEndpointDto);
  });
}

export async function getWebhook(ctx: RequestContext, input: { id: string }): Promise<WebhookEndpointDto> {
  assertManages(ctx);
  const { id } = webhookIdSchema.parse(input);
  return withTenant(ctx, async (tx) => toEndpointDto(await endpointRow(tx, ctx, id)));
}

/** An endpoint; the answer carries its signing secret, shown this once. */
export async function createWebhook(ctx: RequestContext, input: CreateWebhookInput): Promise<{ endpoint: WebhookEndpointDto; secret: string }> {
  assertManages(ctx);
  const parsed = createWebhookSchema.parse(input);
  const url = await checkedUrl(parsed.url);
  const secret = newWebhookSecret();
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ tenantId: ctx.activeTenant.id, url, description: parsed.description, eventTypes: parsed.eventTypes, includeManaged: parsed.includeManaged, secret, createdByLabel: actorLabelOf(ctx) })
      .returning({ id: webhookEndpoints.id });
    await recordAudit(tx, ctx, { action: 'webhook.created', resourceType: 'webhook_endpoint', resourceId: row!.id, details: { url, eventTypes: parsed.eventTypes, includeManaged: parsed.includeManaged } });
    return { endpoint: toEndpointDto(await endpointRow(tx, ctx, row!.id)), secret };
  });
}

export async function updateWebhook(ctx: RequestContext, input: UpdateWebhookInput): Promise<WebhookEndpointDto> {
  assertManages(ctx);
  const { id, url: rawUrl, enabled, ...rest } = updateWebhookSchema.parse(input);
  const url = rawUrl === undefined ? undefined : await checkedUrl(rawUrl);
  return withTenant(ctx, async (tx) => {
    const before = await endpointRow(tx, ctx, id);
    await tx
      .update(webhookEndpoints)
      .set({
        ...(url !== undefined ? { url } : {}),
        ...rest,
        ...(enabled === undefined ? {} : enabled ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : { enabled: false, disabledReason: `Turned off by ${actorLabelOf(ctx)}.`, disabledAt: sql`now()` }),
        updatedAt: sql`now()`,
      })
      .where(and(eq(webhookEndpoints.tenantId, ctx.activeTenant.id), eq(webhookEndpoints.id, id)));
    const after = await endpointRow(tx, ctx, id);
    await recordAudit(tx, ctx, {
      action: 'webhook.updated',
      resourceType: 'webhook_endpoint',
      resourceId: id,
      details: { before: { url: before.url, eventTypes: before.eventTypes, includeManaged: before.includeManaged, enabled: before.enabled }, after: { url: after.url, eventTypes: after.eventTypes, includeManaged: after.includeManaged, enabled: after.enabled } },
    });
    return toEndpointDto(after);
  });
}

export async function deleteWebhook(ctx: RequestContext, input: { id: string }): Promise<{ deleted: true }> {
  assertManages(ctx);
  const { id } = webhookIdSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const row = await endpointRow(tx, ctx, id);
    await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, ctx.activeTenant.id), eq(webhookEndpoints.id, id)));
    await recordAudit(tx, ctx, { action: 'webhook.deleted', resourceType: 'webhook_endpoint', resourceId: id, details: { url: row.url } });
    return { deleted: true as const };
  });
}

/** A new secret, shown once; the old one keeps signing beside it for 24 h so receivers can switch. */
export async function rotateWebhookSecret(ctx: RequestContext, input: { id: string }): Promise<{ secret: string; previousSecretUntil: string }> {
  assertManages(ctx);
  const { id } = webhookIdSchema.parse(input);
  const secret = newWebhookSecret();
  const until = new Date(Date.now() + WEBHOOK_ROTATION_OVERLAP_MS);
  return withTenant(ctx, async (tx) => {
    await endpointRow(tx, ctx, id);
    await tx
      .update(webhookEndpoints)
      .set({ previousSecret: sql`${webhookEndpoints.secret}`, previousSecretUntil: until, secret, updatedAt: sql`now()` })
      .where(and(eq(webhookEndpoints.tenantId, ctx.activeTenant.id), eq(webhookEndpoints.id, id)));
    await recordAudit(tx, ctx, { action: 'webhook.secret_rotated', resourceType: 'webhook_endpoint', resourceId: id, details: { previousSecretUntil: until.toISOString() } });
    return { secret, previousSecretUntil: until.toISOString() };
  });
}

/** The endpoint's deliveries, newest first, each with its attempts. */
export async function listDeliveries(ctx: RequestContext, input: { id: string; status?: string; limit?: number }): Promise<{ items: WebhookDeliveryDto[] }> {
  assertManages(ctx);
  const { id } = webhookIdSchema.parse({ id: input.id });
  const q = deliveriesQuerySchema.parse({ status: input.status, limit: input.limit });
  return withTenant(ctx, async (tx) => {
    await endpointRow(tx, ctx, id);
    const rows = await tx
      .select({ d: webhookDeliveries, sourceName: tenants.name })
      .from(webhookDeliveries)
      .leftJoin(tenants, eq(tenants.id, webhookDeliveries.sourceTenantId))
      .where(and(eq(webhookDeliveries.tenantId, ctx.activeTenant.id), eq(webhookDeliveries.endpointId, id), q.status ? eq(webhookDeliveries.status, q.status) : undefined))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(q.limit);
    const attempts = rows.length
      ? await tx
          .select()
          .from(webhookAttempts)
          .where(and(eq(webhookAttempts.tenantId, ctx.activeTenant.id), inArray(webhookAttempts.deliveryId, rows.map((r) => r.d.id))))
          .orderBy(webhookAttempts.attempt)
      : [];
    return {
      items: rows.map(({ d, sourceName }) => ({
        id: d.id,
        eventId: d.eventId,
        eventType: d.eventType,
        sourceTenant: { id: d.sourceTenantId, name: sourceName },
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        createdAt: d.createdAt.toISOString(),
        deliveredAt: iso(d.deliveredAt),
        payload: d.payload,
        attemptLog: attempts
          .filter((a) => a.deliveryId === d.id)
          .map((a) => ({ attempt: a.attempt, startedAt: a.startedAt.toISOString(), statusCode: a.statusCode, durationMs: a.durationMs, response: a.response, error: a.error })),
      })),
    };
  });
}

/**
 * "Send test event": a `webhook.test` message sent now, in this request, through the same signing
 * and SSRF guard as every delivery; recorded as a delivery with its attempt. Answers the request as
 * sent and the endpoint's answer. Not retried on the schedule (send it again instead).
 */
export async function sendTestEvent(ctx: RequestContext, input: { id: string }): Promise<WebhookTestDto> {
  assertManages(ctx);
  const { id } = webhookIdSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  const eventId = newMessageId();
  const payload = { type: TEST_EVENT_TYPE, timestamp: new Date().toISOString(), data: { tenant_id: tenantId, endpoint_id: id, message: `A test event from ${ctx.activeTenant.name}, sent by ${ctx.user.email}.` } };
  const { endpoint, deliveryId } = await withTenant(ctx, async (tx) => {
    const [e] = await tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
    if (!e) throw notFound('Webhook endpoint');
    const [d] = await tx
      .insert(webhookDeliveries)
      .values({ tenantId, endpointId: id, eventId, eventType: TEST_EVENT_TYPE, sourceTenantId: tenantId, payload, attempts: 1, status: 'failed', lastError: 'sending' })
      .returning({ id: webhookDeliveries.id });
    return { endpoint: e, deliveryId: d!.id };
  });
  const outcome = await attemptDelivery(endpoint, eventId, payload);
  await withTenant(ctx, async (tx) => {
    await recordAttempt(tx, { tenantId, id: deliveryId, endpointId: id, attempt: 1 }, outcome, { schedule: false });
    await recordAudit(tx, ctx, { action: 'webhook.test_sent', resourceType: 'webhook_endpoint', resourceId: id, details: { eventId, status: outcome.statusCode, error: outcome.error } });
  });
  return {
    request: outcome.request,
    response: outcome.statusCode === null ? null : { status: outcome.statusCode, body: outcome.response ?? '', durationMs: outcome.durationMs },
    error: outcome.error,
    delivered: succeeded(outcome),
  };
}

/** Sends a delivery again from the start of the schedule, with the same webhook-id. */
export async function resendDelivery(ctx: RequestContext, input: { id: string; deliveryId: string }): Promise<{ status: 'pending' }> {
  assertManages(ctx);
  const { id, deliveryId } = deliveryIdSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const endpoint = await endpointRow(tx, ctx, id);
    if (!endpoint.enabled) throw new AppError('CONFLICT', 'Turn the endpoint on before sending to it again.');
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lastError: null })
      .where(and(eq(webhookDeliveries.tenantId, ctx.activeTenant.id), eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.id, deliveryId)))
      .returning({ id: webhookDeliveries.id, eventId: webhookDeliveries.eventId });
    if (!row) throw notFound('Delivery');
    await recordAudit(tx, ctx, { action: 'webhook.resent', resourceType: 'webhook_delivery', resourceId: deliveryId, details: { endpointId: id, eventId: row.eventId } });
    return { status: 'pending' as const };
  });
}

/** "Replay failed since <time>": a job sends every failed delivery of the endpoint since then again; answers how many. */
export async function replayFailed(ctx: RequestContext, input: { id: string; since: string }): Promise<{ count: number; jobId: string | null }> {
  assertManages(ctx);
  const { id, since } = replaySchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const endpoint = await endpointRow(tx, ctx, id);
    if (!endpoint.enabled) throw new AppError('CONFLICT', 'Turn the endpoint on before replaying to it.');
    const [counted] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.tenantId, ctx.activeTenant.id), eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, 'failed'), gte(webhookDeliveries.createdAt, new Date(since))));
    const jobId = counted!.n > 0 ? await sendJobInTransaction(tx, 'webhooks-replay', { tenantId: ctx.activeTenant.id, endpointId: id, since }) : null;
    await recordAudit(tx, ctx, { action: 'webhook.replay_requested', resourceType: 'webhook_endpoint', resourceId: id, details: { since, count: counted!.n } });
    return { count: counted!.n, jobId };
  });
}

import 'server-only';
import { auditEvents } from '@/db/schema';
import { actorLabelOf, type RequestContext } from '@/lib/tenancy/context';
import { sendWithCommit } from '@/db/client';
import { connectionOf } from '@/db/scope';
import type { Tx } from './tx';

export type AuditEntry = {
  action: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: 'success' | 'denied' | 'failure';
  details?: Record<string, unknown>;
};

/** Writes one audit event into the active tenant, in the caller's transaction. */
export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await recordAuditIn(tx, ctx, ctx.activeTenant.id, entry, ctx.via);
}

/** Several events of one request into the active tenant in one statement (a bulk change's rows). */
export async function recordAudits(tx: Tx, ctx: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const actor = actorOf(ctx, ctx.activeTenant.id, ctx.via);
  await tx.insert(auditEvents).values(entries.map((entry) => auditRow({ ...actor, ...entry })));
}

/**
 * The request's actor, recorded in a named tenant: the home tenant (account actions), the other
 * party of a link, or a tenant the platform acted on. The transaction must be scoped to it.
 */
export async function recordAuditIn(
  tx: Tx,
  ctx: RequestContext,
  tenantId: string,
  entry: AuditEntry,
  via: 'home' | 'link' | 'platform' = 'home',
): Promise<void> {
  await recordTenantAudit(tx, { ...actorOf(ctx, tenantId, via), ...entry });
}

type AuditActor = {
  tenantId: string;
  actorUserId: string | null;
  actorTenantId: string | null;
  actorLabel?: string | null;
  via?: 'home' | 'link' | 'system' | 'platform';
  linkId?: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
};

/** Who acted, as the audit log names them, from the request's context. */
function actorOf(ctx: RequestContext, tenantId: string, via: 'home' | 'link' | 'platform'): AuditActor {
  return {
    tenantId,
    actorUserId: ctx.user.id,
    actorTenantId: ctx.homeTenant.id,
    actorLabel: actorLabelOf(ctx),
    via,
    linkId: via === 'link' ? (ctx.link?.id ?? null) : null,
    requestId: ctx.requestId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
}

/** The row of one audit event. */
function auditRow(event: AuditActor & AuditEntry): typeof auditEvents.$inferInsert {
  return {
    tenantId: event.tenantId,
    actorUserId: event.actorUserId,
    actorTenantId: event.actorTenantId,
    actorLabel: event.actorLabel ?? null,
    via: event.via ?? 'home',
    linkId: event.linkId ?? null,
    action: event.action,
    resourceType: event.resourceType ?? null,
    resourceId: event.resourceId ?? null,
    outcome: event.outcome ?? 'success',
    requestId: event.requestId,
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details ?? {},
  };
}

/** For events with no resolved context yet (sign-in, lockout) or from jobs. */
export async function recordTenantAudit(tx: Tx, event: AuditActor & AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(event));
}

/** Reads through a link are audited; reads at home are not. */
export async function auditLinkRead(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  if (ctx.via !== 'link') return;
  // Sent with the transaction's COMMIT, which waits for both (db/client.ts): the row is durable
  // before the read's answer leaves, at no round trip of its own.
  const r = auditRow({ ...actorOf(ctx, ctx.activeTenant.id, 'link'), ...entry });
  sendWithCommit(connectionOf(tx), LINK_READ_INSERT, [r.tenantId, r.actorUserId, r.actorTenantId, r.actorLabel, r.via, r.linkId, r.action, r.resourceType, r.resourceId, r.outcome, r.requestId, r.ip, r.userAgent, JSON.stringify(r.details)]);
}

/**
 * The same insert drizzle builds for auditRow's columns, written once: it runs on every read
 * through a link, and building it per call (one `is()` check per column and value) was a tenth
 * of such a read's Node time (issue #12). test/integration/audit.test.ts holds it to the row
 * drizzle writes.
 */
const LINK_READ_INSERT = `insert into audit_events (tenant_id, actor_user_id, actor_tenant_id, actor_label, via, link_id, action, resource_type, resource_id, outcome, request_id, ip, user_agent, details)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)`;

/** An event a job records in a tenant (no person, no request behind it). */
export async function recordSystemAudit(tx: Tx, tenantId: string, entry: AuditEntry): Promise<void> {
  await recordTenantAudit(tx, { tenantId, actorUserId: null, actorTenantId: null, via: 'system', requestId: null, ip: null, userAgent: null, ...entry });
}

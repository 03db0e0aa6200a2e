import 'server-only';
import { notifyUser } from './internal/notify';
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alertEvents, alerts, partnerTenantLinks, tenantSettings, tickets } from '@/db/schema';
import { breachSeverity, canMoveAlert, dedupKeys, slaMetricLabels, UPTIME_WINDOW_DAYS, type AlertSeverity, type AlertStatus, type AlertType, type SlaMetric } from '@/lib/config/alerts';
import type { TicketPriority } from '@/lib/config/enums';
import type { TimerState } from '@/lib/config/sla';
import { formatPrice } from '@/lib/config/subscriptions';
import { OUTAGE_CATEGORY } from '@/lib/config/tickets';
import { AppError, notFound } from '@/lib/errors';
import { assertCan, can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { alertActionSchema, listAlertsSchema, type AlertAction, type AlertCounts, type AlertDto, type AlertEventDto, type AlertGroupDto, type ListAlertsInput } from '@/lib/validation/alerts';
import type { BulkOutcome, Page } from '@/lib/validation/common';
import { z } from '@/lib/validation/zod';
import { auditLinkRead, recordAudit, recordSystemAudit } from './audit';
import { consolidatedRead, ref, type Area, type Readable, type TenantRef } from './consolidated';
import { fingerprintOf, slaSettingsOf, syncSla, type LinkTerms, type SlaSettings, type Timers } from './internal/sla';
import { readCursor, toPage } from './list';
import { contextsFor } from './tenancy';
import { withTenant, type Tx } from './tx';
import { emitEvents } from './internal/webhook-events';

// Alerts (lib/config/alerts.ts): raised by the breach scan (every minute) and by ticket changes,
// one open alert per dedup key (a repeat bumps its count), worked by the tenant's staff and by
// partner staff whose link grants alerts. Through a link a partner sees the alerts its own
// permissions name (SLA or billing) and its link's notify flags keep on, and of the alerts tied
// to a link (uptime, billing threshold) only its own link's.

// ---------------------------------------------------------------------------------------------
// Raising

export type Trigger = {
  type: AlertType;
  severity: AlertSeverity;
  dedupKey: string;
  title: string;
  message: string;
  metadata: Record<string, unknown>;
  ticketId?: string;
  linkId?: string;
};

/**
 * Raises alerts in one statement: a key without an open alert opens one (and its `triggered`
 * history row); a key with one bumps its occurrences and last seen. Safe to repeat: a scan killed
 * half-way and run again never opens an alert twice (the partial unique index decides).
 */
export async function raiseAlerts(tx: Tx, tenantId: string, triggers: readonly Trigger[]): Promise<{ raised: number; repeated: number }> {
  const unique = [...new Map(triggers.map((t) => [t.dedupKey, t])).values()];
  let raised = 0;
  let repeated = 0;
  // In batches: one statement's parameters stay far under PostgreSQL's limit however many breach.
  for (let i = 0; i < unique.length; i += 1000) {
    const r = await raiseBatch(tx, tenantId, unique.slice(i, i + 1000));
    raised += r.raised;
    repeated += r.repeated;
  }
  return { raised, repeated };
}

async function raiseBatch(tx: Tx, tenantId: string, unique: readonly Trigger[]): Promise<{ raised: number; repeated: number }> {
  const rows = await tx
    .insert(alerts)
    .values(unique.map((t) => ({ tenantId, type: t.type, severity: t.severity, dedupKey: t.dedupKey, title: t.title, message: t.message, metadata: t.metadata, ticketId: t.ticketId ?? null, linkId: t.linkId ?? null })))
    .onConflictDoUpdate({
      target: [alerts.tenantId, alerts.dedupKey],
      targetWhere: sql`status <> 'resolved'`,
      set: { occurrences: sql`${alerts.occurrences} + 1`, lastSeenAt: sql`now()`, message: sql`excluded.message`, metadata: sql`excluded.metadata`, updatedAt: sql`now()` },
    })
    .returning({ id: alerts.id, inserted: sql<boolean>`(xmax = 0)`, type: alerts.type, severity: alerts.severity, title: alerts.title, ticketId: alerts.ticketId, linkId: alerts.linkId });
  const opened = rows.filter((r) => r.inserted);
  if (opened.length > 0) {
    await tx.insert(alertEvents).values(opened.map((r) => ({ tenantId, alertId: r.id, action: 'triggered', actorLabel: 'system' })));
    await emitEvents(
      tx,
      tenantId,
      'alert.raised',
      opened.map((r) => ({ alert_id: r.id, alert_type: r.type, severity: r.severity, title: r.title, ticket_id: r.ticketId, link_id: r.linkId })),
    );
    await tellStaffOfCritical(tx, tenantId, opened.filter((r) => r.severity === 'critical'));
  }
  return { raised: opened.length, repeated: rows.length - opened.length };
}

/**
 * A critical alert bypasses the digest: a notice (and, unless they turned alerts off, a mail at
 * once) for each of the tenant's own staff who read alerts, one per raise however many at once. Partner staff see it in the tenant's
 * alert list, the header count and their digest.
 */
async function tellStaffOfCritical(tx: Tx, tenantId: string, critical: readonly { id: string; title: string }[]): Promise<void> {
  if (critical.length === 0) return;
  const staff = await tx.execute<{ id: string; email: string; slug: string; tenant_name: string }>(sql`
    select distinct u.id, u.email, t.slug, t.name as tenant_name
    from users u join tenants t on t.id = u.tenant_id
    join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
    join role_permissions rp on rp.tenant_id = ur.tenant_id and rp.role_id = ur.role_id and rp.permission = 'alerts.read'
    where u.tenant_id = ${tenantId} and u.status <> 'inactive' and u.email_verified_at is not null`);
  // One notice per person per scan, however many broke at once (an alert storm is one mail).
  const first = critical[0]!;
  const title = critical.length === 1 ? `Critical alert: ${first.title}` : `${critical.length} critical alerts`;
  const listed = critical.slice(0, 10).map((a) => `- ${a.title}`).join('\n') + (critical.length > 10 ? `\n- and ${critical.length - 10} more` : '');
  for (const u of staff) {
    await notifyUser(tx, {
      tenantId,
      userId: u.id,
      kind: 'alert.raised',
      title,
      body: critical.length === 1 ? `A critical alert was raised in ${u.tenant_name}: ${first.title}.` : `Critical alerts were raised in ${u.tenant_name}:\n${listed}`,
      href: `/t/${u.slug}/alerts`,
      mailTo: u.email,
      tenantName: u.tenant_name,
      critical: true,
    });
  }
}

type ScannedTicket = { id: string; number: string; subject: string; priority: TicketPriority };
type BreachStates = { firstResponse: TimerState | null; resolution: TimerState | null };

/**
 * A trigger for each breached timer of the tickets given. The words depend on nothing that moves,
 * so a trigger from freshly computed timers and one from the stored states read the same.
 */
export function breachTriggers(list: readonly (ScannedTicket & BreachStates)[]): Trigger[] {
  const out: Trigger[] = [];
  for (const t of list) {
    for (const [metric, state] of [
      ['first_response', t.firstResponse],
      ['resolution', t.resolution],
    ] as [SlaMetric, TimerState | null][]) {
      if (state !== 'breached') continue;
      out.push({
        type: 'sla_breach',
        severity: breachSeverity[t.priority],
        dedupKey: dedupKeys.slaBreach(t.id, metric),
        title: `${t.number}: ${slaMetricLabels[metric]} target breached`,
        message: `${t.subject} (${t.priority}) missed its ${slaMetricLabels[metric]} target.`,
        metadata: { ticket_number: t.number, metric, priority: t.priority },
        ticketId: t.id,
      });
    }
  }
  return out;
}

/** The tickets given with their fresh timers' states. */
const withStates = (list: readonly ScannedTicket[], timers: ReadonlyMap<string, Timers>) =>
  list.flatMap((t) => {
    const x = timers.get(t.id);
    return x ? [{ ...t, firstResponse: x.firstResponse.state, resolution: x.resolution.state }] : [];
  });

const month = (d: Date) => d.toISOString().slice(0, 7);
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Each live link's uptime target against the tenant's outages over its window (30 days, or since the link started). */
async function uptimeTriggers(tx: Tx, tenant: { id: string; name: string }, links: readonly LinkTerms[], now: Date): Promise<Trigger[]> {
  const out: Trigger[] = [];
  for (const link of links) {
    const target = link.sla.uptimeTarget;
    if (target === null || target === undefined || !link.alerts.notifyOnSlaBreach) continue;
    const from = new Date(Math.max(now.getTime() - UPTIME_WINDOW_DAYS * 86_400_000, link.startsAt.getTime()));
    const windowMinutes = (now.getTime() - from.getTime()) / 60_000;
    if (windowMinutes <= 0) continue;
    const { downMinutes, outages } = await downtime(tx, tenant.id, from, now);
    const uptime = round3(100 * (1 - downMinutes / windowMinutes));
    if (uptime >= target) continue;
    out.push({
      type: 'uptime_breach',
      severity: 'critical',
      dedupKey: dedupKeys.uptime(link.id, month(now)),
      title: `Uptime ${uptime}% under the ${target}% target`,
      message: `${tenant.name} was down ${Math.round(downMinutes)} minutes in ${outages} outage${outages === 1 ? '' : 's'} since ${from.toISOString().slice(0, 10)}.`,
      metadata: { breach_date: now.toISOString().slice(0, 10), actual_uptime: uptime, target_uptime: target, downtime_minutes: Math.round(downMinutes), outage_count: outages, window_from: from.toISOString() },
      linkId: link.id,
    });
  }
  return out;
}

/** Minutes of outage (overlaps counted once) and outages within [from, to), from the tenant's network_outage tickets. */
export async function downtime(tx: Tx, tenantId: string, from: Date, to: Date): Promise<{ downMinutes: number; outages: number }> {
  const [row] = await tx.execute<{ down: string | null; outages: number }>(sql`
    select (select extract(epoch from sum(upper(r) - lower(r))) / 60 from unnest(range_agg(span)) r) as down, count(*)::int as outages
    from (
      select tstzrange(greatest(outage_start, ${from.toISOString()}::timestamptz), least(coalesce(outage_end, ${to.toISOString()}::timestamptz), ${to.toISOString()}::timestamptz)) as span
      from tickets
      where tenant_id = ${tenantId} and category = ${OUTAGE_CATEGORY} and outage_start < ${to.toISOString()}::timestamptz
        and coalesce(outage_end, ${to.toISOString()}::timestamptz) > ${from.toISOString()}::timestamptz
    ) o`);
  return { downMinutes: Number(row?.down ?? 0), outages: row?.outages ?? 0 };
}

/** Each live link's billing threshold against the tenant's outstanding balance, per currency. */
async function billingTriggers(tx: Tx, tenant: { id: string; name: string }, links: readonly LinkTerms[], now: Date): Promise<Trigger[]> {
  const watching = links.filter((l) => l.alerts.notifyOnBillingThreshold && l.alerts.billingThresholdMinor !== null && l.alerts.billingThresholdMinor !== undefined);
  if (watching.length === 0) return [];
  const balances = await tx.execute<{ currency: string; outstanding: string; invoices: number }>(sql`
    select currency, sum(total_minor - amount_paid_minor) as outstanding, count(*)::int as invoices
    from invoices where tenant_id = ${tenant.id} and status = 'open' group by currency`);
  const out: Trigger[] = [];
  for (const link of watching) {
    const threshold = link.alerts.billingThresholdMinor!;
    for (const b of balances) {
      const outstanding = Number(b.outstanding);
      if (outstanding < threshold) continue;
      out.push({
        type: 'billing_threshold',
        severity: 'warning',
        dedupKey: dedupKeys.billing(link.id, b.currency, month(now)),
        title: `Outstanding ${formatPrice(outstanding, b.currency)} over the ${formatPrice(threshold, b.currency)} threshold`,
        message: `${tenant.name} owes ${formatPrice(outstanding, b.currency)} on ${b.invoices} open invoice${b.invoices === 1 ? '' : 's'}.`,
        metadata: { currency: b.currency, outstanding_minor: outstanding, threshold_minor: threshold, open_invoices: b.invoices },
        linkId: link.id,
      });
    }
  }
  return out;
}

/**
 * The breach scan of one tenant, in its own scope and transaction: every unresolved ticket's
 * timers recomputed and stored, an alert for each breached timer, for each live link's uptime
 * under its target, and for its outstanding balance over the link's billing threshold. Safe to
 * repeat: a rerun bumps the open alerts' counts and opens none twice.
 */
export async function runAlertScan(tx: Tx, tenant: { id: string; name: string }, now = new Date()): Promise<{ tickets: number; raised: number; repeated: number }> {
  // Only the tickets whose timers may have changed state since the last look (sla_check_at), and
  // every unresolved one when the targets in force changed (a link started or ended, new terms).
  const settings = await slaSettingsOf(tx, tenant.id);
  const fingerprint = fingerprintOf(settings);
  const changed = settings.storedFingerprint !== fingerprint;
  const { tickets: checked, timers } = await syncSla(tx, tenant.id, changed ? 'open' : 'due', { now, settings });
  if (changed) {
    await tx
      .insert(tenantSettings)
      .values({ tenantId: tenant.id, slaFingerprint: fingerprint })
      .onConflictDoUpdate({ target: tenantSettings.tenantId, set: { slaFingerprint: fingerprint } });
  }
  // Breaches of tickets still unresolved: those just computed, and those stored as breached before
  // (a breach stands until its ticket is resolved, so each scan sees it again). A ticket resolved
  // late raised its alert when resolved; history from before the timers were stored raises nothing.
  const unresolved = checked.filter((t) => t.status !== 'resolved' && t.status !== 'closed');
  const fresh = new Set(unresolved.map((t) => t.id));
  const standing = (
    await tx
      .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, priority: tickets.priority, firstResponse: tickets.slaResponseState, resolution: tickets.slaResolutionState })
      .from(tickets)
      .where(
        and(
          eq(tickets.tenantId, tenant.id),
          sql`${tickets.status} not in ('resolved', 'closed')`,
          or(eq(tickets.slaResponseState, 'breached'), eq(tickets.slaResolutionState, 'breached')),
        ),
      )
  ).filter((t) => !fresh.has(t.id));
  const triggers = [
    ...breachTriggers([...withStates(unresolved, timers), ...standing]),
    ...(await uptimeTriggers(tx, tenant, settings.links, now)),
    ...(await billingTriggers(tx, tenant, settings.links, now)),
  ];
  const result = await raiseAlerts(tx, tenant.id, triggers);
  if (result.raised > 0) await recordSystemAudit(tx, tenant.id, { action: 'alerts.raised', resourceType: 'alert', details: { raised: result.raised, repeated: result.repeated } });
  return { tickets: checked.length, ...result };
}

/** After a ticket change: its timers stored, and an alert if one breached (a ticket resolved late between two scans is caught here). */
export async function syncTicketSla(tx: Tx, tenantId: string, ids: readonly string[], settings?: SlaSettings): Promise<void> {
  const { tickets: list, timers } = await syncSla(tx, tenantId, ids, { settings });
  await raiseAlerts(tx, tenantId, breachTriggers(withStates(list, timers)));
}

// ---------------------------------------------------------------------------------------------
// Who sees which alerts

const slaTypes: AlertType[] = ['sla_breach', 'uptime_breach'];

/** The alert types a partner's staff see through a link: those their home permissions name and the link's notify flags keep on. */
function typesThroughLink(homePermissions: ReadonlySet<string>, link: { alerts: { notifyOnSlaBreach: boolean; notifyOnBillingThreshold: boolean } }): AlertType[] {
  return [
    ...(homePermissions.has('partner.alerts.sla.read') && link.alerts.notifyOnSlaBreach ? slaTypes : []),
    ...(homePermissions.has('partner.alerts.billing.read') && link.alerts.notifyOnBillingThreshold ? (['billing_threshold'] as AlertType[]) : []),
  ];
}

/** The rows of one tenant the caller may see: all at home; through a link, its types and its own link's alerts. */
function visibleIn(homePermissions: ReadonlySet<string>, t: Readable): SQL | null {
  if (!t.linkId || !t.link) return eq(alerts.tenantId, t.id);
  const types = typesThroughLink(homePermissions, t.link);
  if (types.length === 0) return null;
  return and(eq(alerts.tenantId, t.id), inArray(alerts.type, types), or(isNull(alerts.linkId), eq(alerts.linkId, t.linkId)))!;
}

function visibleAcross(ctx: RequestContext, chosen: readonly Readable[]): SQL {
  const parts = chosen.map((t) => visibleIn(ctx.homePermissions, t)).filter((p): p is SQL => p !== null);
  return parts.length > 0 ? or(...parts)! : sql`false`;
}

const readArea: Area = { permission: 'alerts.read', noun: 'alerts', resourceType: 'alert' };

/** Who may list alerts: staff holding alerts.read where they act, or partner staff holding either partner alert permission. */
export const readsAlerts = (ctx: RequestContext) => can(ctx, 'alerts.read') || can(ctx, 'partner.alerts.sla.read') || can(ctx, 'partner.alerts.billing.read');

function assertReadsAlerts(ctx: RequestContext): void {
  if (!readsAlerts(ctx)) assertCan(ctx, 'alerts.read');
}

// ---------------------------------------------------------------------------------------------
// Reads

const iso = (d: Date | null) => d?.toISOString() ?? null;
const selection = { a: alerts, ticketNumber: tickets.number };
type Row = { a: typeof alerts.$inferSelect; ticketNumber: string | null };

function toDto({ a, ticketNumber }: Row, tenant: TenantRef): AlertDto {
  return {
    id: a.id,
    tenant,
    type: a.type,
    severity: a.severity,
    status: a.status,
    title: a.title,
    message: a.message,
    metadata: a.metadata,
    ticket: a.ticketId ? { id: a.ticketId, number: ticketNumber ?? '' } : null,
    linkId: a.linkId,
    occurrences: a.occurrences,
    firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    assignee: a.assigneeId ? { id: a.assigneeId, name: a.assigneeLabel ?? '' } : null,
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    resolvedAt: iso(a.resolvedAt),
    resolvedBy: a.resolvedBy,
  };
}

const cursorShape = z.object({ t: z.string(), i: z.uuid() });

function filters(ctx: RequestContext, f: z.output<typeof listAlertsSchema>): SQL[] {
  const out: SQL[] = [];
  if (f.status === 'open') out.push(sql`${alerts.status} <> 'resolved'`);
  else if (f.status) out.push(eq(alerts.status, f.status));
  if (f.type) out.push(eq(alerts.type, f.type));
  if (f.severity) out.push(eq(alerts.severity, f.severity));
  if (f.from_date) out.push(sql`${alerts.firstSeenAt} >= ${f.from_date}::date`);
  if (f.assignee === 'me') out.push(eq(alerts.assigneeId, ctx.user.id));
  else if (f.assignee === 'none') out.push(isNull(alerts.assigneeId));
  else if (f.assignee) out.push(eq(alerts.assigneeId, f.assignee));
  return out;
}

export type AlertList = Page<AlertDto> & { counts: AlertCounts; tenants: TenantRef[] };

/**
 * Alerts across the tenants the caller reads alerts in (`tenant_ids` narrows; a tenant outside
 * them is 403 naming it), last seen first, with the counts per status for the whole filter.
 * One transaction: the tenants, the page, the counts (with the audit of the links read).
 */
export async function listAlerts(ctx: RequestContext, input: ListAlertsInput, opts: { types?: readonly AlertType[] } = {}): Promise<AlertList> {
  assertReadsAlerts(ctx);
  const f = listAlertsSchema.parse(input);
  const kinds = opts.types ? inArray(alerts.type, [...opts.types]) : undefined;
  const position = readCursor(f.cursor, cursorShape);
  const { tenants: chosen, result } = await consolidatedRead(ctx, readArea, f.tenant_ids, 'alerts.list', async (tx, t, audit) => {
    const visible = and(visibleAcross(ctx, t), kinds)!;
    const rest = filters(ctx, { ...f, status: undefined });
    const where = and(visible, ...filters(ctx, f), position ? sql`(${alerts.lastSeenAt}, ${alerts.id}) < (${position.t}::timestamptz, ${position.i}::uuid)` : undefined);
    const [rows, counts] = await Promise.all([
      tx
        .select(selection)
        .from(alerts)
        .leftJoin(tickets, and(eq(tickets.tenantId, alerts.tenantId), eq(tickets.id, alerts.ticketId)))
        .where(where)
        .orderBy(desc(alerts.lastSeenAt), desc(alerts.id))
        .limit(f.limit + 1),
      tx.execute<AlertCounts>(sql`
        select count(*) filter (where status = 'active')::int as active, count(*) filter (where status = 'acknowledged')::int as acknowledged,
          count(*) filter (where status = 'resolved')::int as resolved
        from ${audit ? sql`(select ${audit}) audit_, ` : sql``}alerts where ${and(visible, ...rest)}`),
    ]);
    return { rows, counts: counts[0]! };
  }, true);
  const byId = new Map(chosen.map((t) => [t.id, ref(t)]));
  const page = toPage(result.rows, f.limit, (r) => toDto(r, byId.get(r.a.tenantId)!), (l) => ({ t: l.a.lastSeenAt.toISOString(), i: l.a.id }));
  return { ...page, counts: result.counts, tenants: chosen.map(ref) };
}

/** Related open alerts (one tenant, one type) with a count, for the grouped view; acting on a group acts on each member. */
export async function listAlertGroups(ctx: RequestContext, input: { tenant_ids?: string }): Promise<AlertGroupDto[]> {
  assertReadsAlerts(ctx);
  const f = listAlertsSchema.pick({ tenant_ids: true }).parse(input);
  const { tenants: chosen, result } = await consolidatedRead(ctx, readArea, f.tenant_ids, 'alerts.groups', async (tx, t, audit) =>
    tx.execute<{ tenant_id: string; type: AlertType; severity: AlertSeverity; count: number; active: number; last_seen_at: string; ids: string[] }>(sql`
      select tenant_id, type, min(severity) as severity, count(*)::int as count, count(*) filter (where status = 'active')::int as active,
        max(last_seen_at) as last_seen_at, (array_agg(id order by last_seen_at desc))[1:100]::text[] as ids
      from ${audit ? sql`(select ${audit}) audit_, ` : sql``}alerts
      where ${and(visibleAcross(ctx, t), sql`status <> 'resolved'`)}
      group by tenant_id, type order by max(last_seen_at) desc limit 200`),
    true,
  );
  const byId = new Map(chosen.map((t) => [t.id, ref(t)]));
  return result.map((g) => ({ tenant: byId.get(g.tenant_id)!, type: g.type, severity: g.severity, count: g.count, active: g.active, lastSeenAt: new Date(g.last_seen_at).toISOString(), ids: g.ids }));
}

/** The header's count: active (unacknowledged) alerts the caller can see, in every tenant they read alerts in. */
export async function unacknowledgedAlertCount(ctx: RequestContext): Promise<number> {
  if (!readsAlerts(ctx)) return 0;
  const { result } = await consolidatedRead(ctx, readArea, undefined, 'alerts.count', async (tx, t, audit) => {
    const [row] = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from ${audit ? sql`(select ${audit}) audit_, ` : sql``}alerts where ${and(visibleAcross(ctx, t), eq(alerts.status, 'active'))}`);
    return row?.n ?? 0;
  }, true);
  return result;
}

/** One alert with its history; one the caller cannot see is 404. */
export async function getAlert(ctx: RequestContext, { id }: { id: string }): Promise<AlertDto & { events: AlertEventDto[] }> {
  assertReadsAlerts(ctx);
  const { tenants: chosen, result } = await consolidatedRead(ctx, readArea, undefined, 'alerts.read', async (tx, t) => {
    const [row] = await tx
      .select(selection)
      .from(alerts)
      .leftJoin(tickets, and(eq(tickets.tenantId, alerts.tenantId), eq(tickets.id, alerts.ticketId)))
      .where(and(visibleAcross(ctx, t), eq(alerts.id, id)));
    if (!row) return null;
    const events = await tx
      .select()
      .from(alertEvents)
      .where(and(eq(alertEvents.tenantId, row.a.tenantId), eq(alertEvents.alertId, id)))
      .orderBy(alertEvents.createdAt, alertEvents.id);
    return { row, events };
  });
  if (!result) throw notFound('Alert');
  const tenant = chosen.find((t) => t.id === result.row.a.tenantId)!;
  return { ...toDto(result.row, ref(tenant)), events: result.events.map((e) => ({ id: e.id, action: e.action, actor: e.actorLabel, note: e.note, at: e.createdAt.toISOString() })) };
}

// ---------------------------------------------------------------------------------------------
// Working alerts: acknowledge, resolve, assign to me, unassign (row menu and bulk)

const actionTarget: Partial<Record<AlertAction, AlertStatus>> = { acknowledge: 'acknowledged', resolve: 'resolved' };
const actorLabel = (ctx: RequestContext) => (ctx.via === 'link' ? `${ctx.user.name} via ${ctx.homeTenant.name}` : ctx.user.name);

/** The alert types the caller sees in its active tenant (all at home; through a link, by its link). */
async function visibleInActive(tx: Tx, ctx: RequestContext): Promise<SQL | null> {
  if (ctx.via === 'home' || !ctx.link) return eq(alerts.tenantId, ctx.activeTenant.id);
  const [link] = await tx.select({ alerts: partnerTenantLinks.alertConfig }).from(partnerTenantLinks).where(eq(partnerTenantLinks.id, ctx.link.id));
  if (!link) return null;
  return visibleIn(ctx.homePermissions, { id: ctx.activeTenant.id, slug: ctx.activeTenant.slug, name: ctx.activeTenant.name, linkId: ctx.link.id, link: { alerts: link.alerts, sla: { responseHours: {}, resolutionHours: {}, uptimeTarget: null } }, permissions: new Set() });
}

/**
 * One action on alerts of the request's active tenant (alerts.manage there), each alert's row
 * locked, moved along `active -> acknowledged -> resolved` (a move the flow does not allow is
 * skipped, naming why), its history written, the whole audited; one transaction.
 */
async function actInTenant(ctx: RequestContext, ids: readonly string[], action: AlertAction, note: string | undefined): Promise<BulkOutcome[]> {
  assertCan(ctx, 'alerts.manage');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const visible = await visibleInActive(tx, ctx);
    const rows = visible
      ? await tx
          .select()
          .from(alerts)
          .where(and(visible, inArray(alerts.id, [...ids])))
          .for('update')
      : [];
    const found = new Map(rows.map((r) => [r.id, r]));
    const outcomes: BulkOutcome[] = [];
    const done: string[] = [];
    const label = actorLabel(ctx);
    for (const id of ids) {
      const a = found.get(id);
      if (!a) {
        outcomes.push({ id, outcome: 'failed', reason: 'Alert not found.' });
        continue;
      }
      const to = actionTarget[action];
      if (to && a.status === to) {
        outcomes.push({ id, outcome: 'skipped', reason: `Already ${to}.` });
        continue;
      }
      if (to && !canMoveAlert(a.status, to)) {
        outcomes.push({ id, outcome: 'skipped', reason: `A ${a.status} alert cannot be ${to}.` });
        continue;
      }
      if (a.status === 'resolved') {
        outcomes.push({ id, outcome: 'skipped', reason: 'A resolved alert changes no more.' });
        continue;
      }
      const set =
        action === 'acknowledge'
          ? { status: 'acknowledged' as const, acknowledgedAt: sql`now()`, acknowledgedBy: label }
          : action === 'resolve'
            ? { status: 'resolved' as const, resolvedAt: sql`now()`, resolvedBy: label }
            : action === 'assign_me'
              ? { assigneeId: ctx.user.id, assigneeTenantId: ctx.homeTenant.id, assigneeLabel: label }
              : { assigneeId: null, assigneeTenantId: null, assigneeLabel: null };
      await tx
        .update(alerts)
        .set({ ...set, updatedAt: sql`now()` })
        .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, id)));
      done.push(id);
      outcomes.push({ id, outcome: 'succeeded' });
    }
    if (done.length > 0) {
      const event = action === 'acknowledge' ? 'acknowledged' : action === 'resolve' ? 'resolved' : action === 'assign_me' ? 'assigned' : 'unassigned';
      await tx.insert(alertEvents).values(done.map((alertId) => ({ tenantId, alertId, action: event, actorLabel: label, note: note ?? null })));
      await recordAudit(tx, ctx, { action: `alert.${event}`, resourceType: 'alert', resourceId: done.length === 1 ? done[0] : undefined, details: { ids: done, note: note ?? null } });
      if (action === 'resolve') {
        await emitEvents(tx, tenantId, 'alert.resolved', done.map((alertId) => ({ alert_id: alertId, alert_type: found.get(alertId)!.type, resolved_by: label })));
      }
    }
    return outcomes;
  });
}

/**
 * The row menu's and the bulk bar's action, on alerts in any tenants the caller works alerts in
 * (All tenants): grouped by tenant, each group in that tenant's own context (resolved afresh, as a
 * request to it would be: link live, alerts.manage granted) and transaction. What happened to
 * each alert comes back per id; one the caller cannot see is "not found", whatever its tenant.
 */
export async function actOnAlerts(ctx: RequestContext, input: z.input<typeof alertActionSchema>): Promise<BulkOutcome[]> {
  const { ids, action, note } = alertActionSchema.parse(input);
  assertReadsAlerts(ctx);
  const { result: located } = await consolidatedRead(ctx, readArea, undefined, 'alerts.locate', (tx, t) =>
    tx.select({ id: alerts.id, tenantId: alerts.tenantId }).from(alerts).where(and(visibleAcross(ctx, t), inArray(alerts.id, ids))),
  );
  // None of them is one the caller can see: the same answer as for a single unknown id.
  if (located.length === 0) throw notFound('Alert');
  const byTenant = new Map<string, string[]>();
  for (const a of located) byTenant.set(a.tenantId, [...(byTenant.get(a.tenantId) ?? []), a.id]);
  const contexts = await contextsFor(ctx, [...byTenant.keys()]);
  const outcomes = new Map<string, BulkOutcome>();
  for (const [tenantId, tenantIds] of byTenant) {
    const tctx = contexts.get(tenantId);
    if (!tctx || !can(tctx, 'alerts.manage')) {
      for (const id of tenantIds) outcomes.set(id, { id, outcome: 'failed', reason: 'You cannot work alerts in this tenant.' });
      continue;
    }
    for (const o of await actInTenant(tctx, tenantIds, action, note)) outcomes.set(o.id, o);
  }
  return ids.map((id) => outcomes.get(id) ?? { id, outcome: 'failed', reason: 'Alert not found.' });
}

/**
 * One alert of the active tenant, for the API (`POST /alerts/{id}/acknowledge|resolve`): 404 when
 * the caller cannot see it, 409 when the flow does not allow the move, the alert after it.
 */
export async function actOnAlert(ctx: RequestContext, { id, action, note }: { id: string; action: 'acknowledge' | 'resolve'; note?: string }): Promise<AlertDto> {
  const [outcome] = await actInTenant(ctx, [id], action, note);
  if (outcome!.outcome === 'failed') throw notFound('Alert');
  if (outcome!.outcome === 'skipped') throw new AppError('CONFLICT', outcome!.reason ?? 'The alert cannot change so.');
  return readOne(ctx, id);
}

async function readOne(ctx: RequestContext, id: string): Promise<AlertDto> {
  return withTenant(ctx, async (tx) => {
    const visible = await visibleInActive(tx, ctx);
    const [row] = visible
      ? await tx
          .select(selection)
          .from(alerts)
          .leftJoin(tickets, and(eq(tickets.tenantId, alerts.tenantId), eq(tickets.id, alerts.ticketId)))
          .where(and(visible, eq(alerts.id, id)))
      : [];
    if (!row) throw notFound('Alert');
    await auditLinkRead(tx, ctx, { action: 'alerts.read', resourceType: 'alert', resourceId: id });
    return toDto(row, { id: ctx.activeTenant.id, slug: ctx.activeTenant.slug, name: ctx.activeTenant.name });
  });
}


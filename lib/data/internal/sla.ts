import 'server-only';
import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { partnerTenantLinks, tenantSettings, ticketEvents, tickets } from '@/db/schema';
import type { AlertConfig, SlaConfig } from '@/db/schema/links';
import { ticketPriorities, type TicketPriority } from '@/lib/config/enums';
import { AT_RISK_SHARE, defaultCalendar, defaultSlaPolicy, dueAt, pausesOf, timerState, type BusinessCalendar, type SlaPolicy, type SlaTarget, type TimerState } from '@/lib/config/sla';
import { slaFingerprint } from '@/lib/config/sla-fingerprint';
import { DEFAULT_AUTO_CLOSE_HOURS, pausedTicketStatuses } from '@/lib/config/tickets';
import { businessCalendarSchema, slaPolicySchema, type SlaTimerDto } from '@/lib/validation/tickets';
import type { Tx } from '../tx';

// The SLA a tenant's tickets run on, and their timers (DESIGN.md section 4, Tickets): the
// tenant's policy and business calendar (Settings > Tickets), overridden per priority by the
// terms of the links that manage it, counted with the time a ticket was paused left out. The
// pages, the API, the breach scan and the reports all read timers through here.

/** A live link's terms as the tenant's SLA and alerts use them. */
export type LinkTerms = { id: string; partnerTenantId: string; startsAt: Date; sla: SlaConfig; alerts: AlertConfig };
export type SlaSettings = {
  /** The targets in force: the tenant's policy, with the links' terms where they set one. */
  policy: SlaPolicy;
  /** The tenant's own policy, before any link's terms. */
  tenantPolicy: SlaPolicy;
  calendar: BusinessCalendar;
  autoCloseHours: number;
  links: LinkTerms[];
  /** The fingerprint the stored timers were last computed with (tenant_settings.sla_fingerprint). */
  storedFingerprint: string | null;
};

/** What the timers depend on besides the tickets (lib/config/sla-fingerprint.ts). */
export const fingerprintOf = (s: Pick<SlaSettings, 'policy' | 'calendar'>) => slaFingerprint(s);

/** The live links managing the tenant now (approved, started, not ended), in the caller's transaction. */
export async function liveLinksOf(tx: Tx, tenantId: string): Promise<LinkTerms[]> {
  const rows = await tx
    .select({ id: partnerTenantLinks.id, partnerTenantId: partnerTenantLinks.partnerTenantId, startsAt: partnerTenantLinks.startsAt, sla: partnerTenantLinks.slaConfig, alerts: partnerTenantLinks.alertConfig })
    .from(partnerTenantLinks)
    .where(
      and(
        eq(partnerTenantLinks.managedTenantId, tenantId),
        eq(partnerTenantLinks.status, 'active'),
        sql`${partnerTenantLinks.startsAt} <= now()`,
        sql`(${partnerTenantLinks.endsAt} is null or ${partnerTenantLinks.endsAt} > now())`,
      ),
    )
    .orderBy(partnerTenantLinks.startsAt);
  return rows;
}

/**
 * A link's terms override the tenant's targets for the priorities they name, in calendar hours
 * (a contract's "respond within 4 hours"). When several live links name one, the tightest holds:
 * every partner's promise is kept.
 */
export function withLinkTerms(policy: SlaPolicy, links: readonly Pick<LinkTerms, 'sla'>[]): SlaPolicy {
  const out = { ...policy };
  for (const p of ticketPriorities) {
    const tightest = (pick: (s: SlaConfig) => number | undefined, fallback: SlaTarget): SlaTarget => {
      const hours = links.map((l) => pick(l.sla)).filter((h): h is number => typeof h === 'number' && h > 0);
      return hours.length > 0 ? { minutes: Math.round(Math.min(...hours) * 60), mode: 'calendar' } : fallback;
    };
    out[p] = { firstResponse: tightest((s) => s.responseHours?.[p], policy[p].firstResponse), resolution: tightest((s) => s.resolutionHours?.[p], policy[p].resolution) };
  }
  return out;
}

/** The tenant's ticket settings (the defaults where it set none, or stored something unreadable) and its live links' terms. */
export async function slaSettingsOf(tx: Tx, tenantId: string): Promise<SlaSettings> {
  const [[row], links] = await Promise.all([
    tx
      .select({ policy: tenantSettings.slaPolicy, calendar: tenantSettings.businessCalendar, autoCloseHours: tenantSettings.ticketAutoCloseHours, fingerprint: tenantSettings.slaFingerprint })
      .from(tenantSettings)
      .where(eq(tenantSettings.tenantId, tenantId)),
    liveLinksOf(tx, tenantId),
  ]);
  const policy = slaPolicySchema.safeParse(row?.policy);
  const calendar = businessCalendarSchema.safeParse(row?.calendar);
  const tenantPolicy = policy.success ? policy.data : defaultSlaPolicy;
  return {
    policy: withLinkTerms(tenantPolicy, links),
    tenantPolicy,
    calendar: calendar.success ? calendar.data : defaultCalendar,
    autoCloseHours: row?.autoCloseHours ?? DEFAULT_AUTO_CLOSE_HOURS,
    links,
    storedFingerprint: row?.fingerprint ?? null,
  };
}

export type Timers = { firstResponse: SlaTimerDto; resolution: SlaTimerDto };
type TimedTicket = Pick<typeof tickets.$inferSelect, 'id' | 'priority' | 'createdAt' | 'firstResponseAt' | 'resolvedAt' | 'closedAt'>;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Both timers of each ticket, from the settings and one read of the tickets' status history. The
 * first response is fulfilled by the first public staff reply, or, for a ticket resolved without
 * one, by its resolution; the resolution by resolving (or closing).
 */
export async function timersFor(tx: Tx, tenantId: string, list: readonly TimedTicket[], opts: { now?: Date; settings?: SlaSettings; checks?: Map<string, Date | null> } = {}): Promise<Map<string, Timers>> {
  const out = new Map<string, Timers>();
  if (list.length === 0) return out;
  const now = opts.now ?? new Date();
  const [settings, events] = await Promise.all([
    opts.settings ?? slaSettingsOf(tx, tenantId),
    tx
      .select({ ticketId: ticketEvents.ticketId, toStatus: ticketEvents.toStatus, at: ticketEvents.createdAt })
      .from(ticketEvents)
      .where(
        and(
          eq(ticketEvents.tenantId, tenantId),
          inArray(
            ticketEvents.ticketId,
            list.map((t) => t.id),
          ),
        ),
      ),
  ]);
  const byTicket = new Map<string, { toStatus: string; at: Date }[]>();
  for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
  for (const t of list) {
    const pauses = pausesOf(byTicket.get(t.id) ?? [], pausedTicketStatuses);
    const targets = settings.policy[t.priority as TicketPriority];
    const timer = (target: SlaTarget, fulfilledAt: Date | null): SlaTimerDto => {
      const r = timerState({ start: t.createdAt, targetMinutes: target.minutes, now, fulfilledAt, mode: target.mode, calendar: settings.calendar, pauses });
      return { state: r.state, dueAt: iso(r.dueAt), usedMinutes: Math.round(r.usedMinutes), targetMinutes: target.minutes, mode: target.mode };
    };
    const done = t.resolvedAt ?? t.closedAt;
    const timers = { firstResponse: timer(targets.firstResponse, t.firstResponseAt ?? done), resolution: timer(targets.resolution, done) };
    out.set(t.id, timers);
    if (opts.checks) {
      // When a timer next changes state on its own: a running one turns at risk, one at risk breaches.
      const next = (
        [
          [targets.firstResponse, timers.firstResponse],
          [targets.resolution, timers.resolution],
        ] as const
      ).flatMap(([target, state]) => {
        if (state.state === 'at_risk' && state.dueAt) return [Date.parse(state.dueAt)];
        if (state.state !== 'running') return [];
        const risk = dueAt(t.createdAt, AT_RISK_SHARE * target.minutes, { mode: target.mode, calendar: settings.calendar, pauses });
        return risk ? [risk.getTime()] : [];
      });
      opts.checks.set(t.id, next.length > 0 ? new Date(Math.min(...next)) : null);
    }
  }
  return out;
}

/** What the tickets table keeps of a ticket's timers (db/schema/tickets.ts). */
export function storedSla(t: Timers): { responseState: TimerState; resolutionState: TimerState; dueAt: Date | null; breachedAt: Date | null } {
  const timers = [t.firstResponse, t.resolution];
  const open = timers.filter((x) => x.state !== 'met' && x.dueAt !== null && x.state !== 'paused').map((x) => Date.parse(x.dueAt!));
  const breached = timers.filter((x) => x.state === 'breached' && x.dueAt !== null).map((x) => Date.parse(x.dueAt!));
  return {
    responseState: t.firstResponse.state,
    resolutionState: t.resolution.state,
    dueAt: open.length > 0 ? new Date(Math.min(...open)) : null,
    breachedAt: breached.length > 0 ? new Date(Math.min(...breached)) : null,
  };
}

/**
 * Recomputes and stores the timers of the tickets named (when `ids` is 'open': every unresolved
 * ticket, and any never computed), in one update; a first breach keeps its time. Answers each ticket's timers.
 * Called after every change of a ticket, by the settings, and by the breach scan each minute.
 */
export async function syncSla(tx: Tx, tenantId: string, ids: readonly string[] | 'open' | 'due', opts: { now?: Date; settings?: SlaSettings } = {}) {
  const now = opts.now ?? new Date();
  const list = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      priority: tickets.priority,
      status: tickets.status,
      createdAt: tickets.createdAt,
      firstResponseAt: tickets.firstResponseAt,
      resolvedAt: tickets.resolvedAt,
      closedAt: tickets.closedAt,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenantId),
        // 'open': the unresolved tickets, and any whose timers were never stored (from before they
        // were); 'due': of those, the ones whose timers may have changed state since (sla_check_at).
        ids === 'open'
          ? or(notInArray(tickets.status, ['resolved', 'closed']), isNull(tickets.slaResponseState))
          : ids === 'due'
            ? or(isNull(tickets.slaResponseState), sql`${tickets.slaCheckAt} <= ${now.toISOString()}::timestamptz and ${tickets.status} not in ('resolved', 'closed')`)
            : inArray(tickets.id, [...ids]),
      ),
    );
  const settings = opts.settings ?? (await slaSettingsOf(tx, tenantId));
  const checks = new Map<string, Date | null>();
  const timers = await timersFor(tx, tenantId, list, { now, settings, checks });
  if (list.length > 0) {
    const rows = list.map((t) => {
      const s = storedSla(timers.get(t.id)!);
      // A resolved or closed ticket's timers change no more.
      const check = t.status === 'resolved' || t.status === 'closed' ? null : (checks.get(t.id) ?? null);
      return sql`(${t.id}::uuid, ${s.responseState}::sla_timer_state, ${s.resolutionState}::sla_timer_state, ${iso(s.dueAt)}::timestamptz, ${iso(s.breachedAt)}::timestamptz, ${iso(check)}::timestamptz)`;
    });
    await tx.execute(sql`
      update tickets t set sla_response_state = v.rs, sla_resolution_state = v.ls, sla_due_at = v.due, sla_breached_at = coalesce(t.sla_breached_at, v.breached), sla_check_at = v.check_at
      from (values ${sql.join(rows, sql`, `)}) as v(id, rs, ls, due, breached, check_at)
      where t.tenant_id = ${tenantId} and t.id = v.id
        and (t.sla_response_state is distinct from v.rs or t.sla_resolution_state is distinct from v.ls or t.sla_due_at is distinct from v.due
             or (t.sla_breached_at is null and v.breached is not null) or t.sla_check_at is distinct from v.check_at)`);
  }
  return { tickets: list, timers, settings };
}

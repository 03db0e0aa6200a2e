import 'server-only';
import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { partnerTenantLinks, tenantSettings, ticketEvents, tickets } from '@/db/schema';
import type { AlertConfig, SlaConfig } from '@/db/schema/links';
import { ticketPriorities, type TicketPriority } from '@/lib/config/enums';
import { defaultCalendar, defaultSlaPolicy, pausesOf, timerState, type BusinessCalendar, type SlaPolicy, type SlaTarget, type TimerState } from '@/lib/config/sla';
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
};

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
      .select({ policy: tenantSettings.slaPolicy, calendar: tenantSettings.businessCalendar, autoCloseHours: tenantSettings.ticketAutoCloseHours })
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
export async function timersFor(tx: Tx, tenantId: string, list: readonly TimedTicket[], opts: { now?: Date; settings?: SlaSettings } = {}): Promise<Map<string, Timers>> {
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
    out.set(t.id, { firstResponse: timer(targets.firstResponse, t.firstResponseAt ?? done), resolution: timer(targets.resolution, done) });
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
export async function syncSla(tx: Tx, tenantId: string, ids: readonly string[] | 'open', opts: { now?: Date; settings?: SlaSettings } = {}) {
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
        // 'open': the unresolved tickets, and any whose timers were never stored (from before they were).
        ids === 'open' ? or(notInArray(tickets.status, ['resolved', 'closed']), isNull(tickets.slaResponseState)) : inArray(tickets.id, [...ids]),
      ),
    );
  const settings = opts.settings ?? (await slaSettingsOf(tx, tenantId));
  const timers = await timersFor(tx, tenantId, list, { ...opts, settings });
  if (list.length > 0) {
    const rows = list.map((t) => {
      const s = storedSla(timers.get(t.id)!);
      return sql`(${t.id}::uuid, ${s.responseState}::sla_timer_state, ${s.resolutionState}::sla_timer_state, ${iso(s.dueAt)}::timestamptz, ${iso(s.breachedAt)}::timestamptz)`;
    });
    await tx.execute(sql`
      update tickets t set sla_response_state = v.rs, sla_resolution_state = v.ls, sla_due_at = v.due, sla_breached_at = coalesce(t.sla_breached_at, v.breached)
      from (values ${sql.join(rows, sql`, `)}) as v(id, rs, ls, due, breached)
      where t.tenant_id = ${tenantId} and t.id = v.id
        and (t.sla_response_state is distinct from v.rs or t.sla_resolution_state is distinct from v.ls or t.sla_due_at is distinct from v.due
             or (t.sla_breached_at is null and v.breached is not null))`);
  }
  return { tickets: list, timers, settings };
}

import { and, eq, ne } from 'drizzle-orm';
import type { TicketPriority, TicketStatus } from '../lib/config/enums';
import type { Tx } from './client';
import { alertEvents, alerts, ticketComments, ticketCounters, ticketEvents, tickets, users } from './schema';

// Ninety days of support history for the demo world (issue 16): tickets in every status with
// threads (some notes internal), some answered or resolved late, outages with start and end, a
// few tickets at risk or breached right now, and alerts acknowledged and resolved. Generated from
// a fixed seed, so every fresh world is the same. The SLA timers themselves are not stored here:
// the breach scan computes them (it runs when the worker starts, and every minute).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const subjects: Record<string, string[]> = {
  connectivity: ['No internet since this morning', 'Connection drops at night', 'Wi-Fi keeps disconnecting', 'Cannot reach some websites'],
  speed: ['Speed far below my plan', 'Slow uploads in the evening', 'Latency spikes while gaming'],
  billing: ['Charged twice this month', 'Question about my invoice', 'Refund for the outage days'],
  hardware: ['Router will not power on', 'Replace the fiber modem', 'Set-top box error E42'],
  account: ['Change the account holder', 'Update my billing address', 'Close my second line'],
};
const categories = Object.keys(subjects);
const priorities: TicketPriority[] = ['low', 'normal', 'normal', 'normal', 'high', 'high', 'urgent'];

export type SupportStaff = { id: string; tenantId: string; label: string };
type Plan = {
  tenantId: string;
  /** The tenant's staff who work tickets (the first is also the requester of outages). */
  staff: SupportStaff;
  /** Partner staff who also work some tickets through a link. */
  partnerStaff?: SupportStaff;
  /** Tickets to generate over the 90 days. */
  count: number;
  /** The newest generated ticket is at least this old (keeps the hand-written demo tickets on top). */
  minAgeDays: number;
  seed: number;
  /** Ended outages: days ago they started, and how long they lasted. */
  outages: { daysAgo: number; hours: number; subject: string }[];
  /** Tickets open right now, hours after creation, that stand at risk or breached on first start. */
  current: { subject: string; priority: TicketPriority; hoursAgo: number }[];
};

type Draft = {
  subject: string;
  description: string;
  priority: TicketPriority;
  category: string;
  status: TicketStatus;
  requesterId: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  outageStart?: Date;
  outageEnd?: Date;
  assignee: SupportStaff | null;
  internalNote: boolean;
  pendingFor: number;
};

/** Generates, numbers and inserts one tenant's history; answers the inserted tickets by number. */
export async function seedTicketHistory(tx: Tx, plan: Plan): Promise<Map<string, { id: string; draft: Draft }>> {
  const rand = random(plan.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const now = Date.now();
  const requesters = (
    await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, plan.tenantId), ne(users.type, 'admin'), eq(users.status, 'active')))
      .orderBy(users.createdAt)
      .limit(40)
  ).map((u) => u.id);
  const drafts: Draft[] = [];
  for (let i = 0; i < plan.count; i++) {
    const category = pick(categories);
    const priority = pick(priorities);
    const createdAt = new Date(now - (plan.minAgeDays + rand() * (90 - plan.minAgeDays)) * DAY);
    // Most are answered within a few hours; about one in eight much later (a breach).
    const respondAfter = rand() < 0.12 ? (10 + rand() * 40) * HOUR : (0.2 + rand() * 3) * HOUR;
    const resolveAfter = rand() < 0.15 ? (5 + rand() * 6) * DAY : (2 + rand() * 40) * HOUR;
    const pendingFor = rand() < 0.3 ? (2 + rand() * 20) * HOUR : 0;
    const firstResponseAt = createdAt.getTime() + respondAfter < now ? new Date(createdAt.getTime() + respondAfter) : null;
    const resolvedMs = createdAt.getTime() + respondAfter + pendingFor + resolveAfter;
    let status: TicketStatus = 'open';
    let resolvedAt: Date | null = null;
    let closedAt: Date | null = null;
    if (resolvedMs < now) {
      resolvedAt = new Date(resolvedMs);
      status = now - resolvedMs > 4 * DAY ? 'closed' : 'resolved';
      if (status === 'closed') closedAt = new Date(resolvedMs + 4 * DAY);
    } else status = pick<TicketStatus>(['open', 'open', 'pending', 'on_hold']);
    drafts.push({
      subject: pick(subjects[category]!),
      description: `Reported by phone; details in the thread. (${category})`,
      priority,
      category,
      status,
      requesterId: pick(requesters),
      createdAt,
      firstResponseAt,
      resolvedAt,
      closedAt,
      assignee: plan.partnerStaff && rand() < 0.35 ? plan.partnerStaff : plan.staff,
      internalNote: rand() < 0.35,
      pendingFor: firstResponseAt ? pendingFor : 0,
    });
  }
  for (const o of plan.outages) {
    const start = new Date(now - o.daysAgo * DAY);
    const end = new Date(start.getTime() + o.hours * HOUR);
    drafts.push({
      subject: o.subject,
      description: `Network outage: service down from ${start.toISOString().slice(0, 16)} for ${o.hours} hours.`,
      priority: 'urgent',
      category: 'network_outage',
      status: 'closed',
      requesterId: plan.staff.id,
      createdAt: new Date(start.getTime() + 5 * 60_000),
      firstResponseAt: new Date(start.getTime() + 20 * 60_000),
      resolvedAt: end,
      closedAt: new Date(end.getTime() + 4 * DAY),
      outageStart: start,
      outageEnd: end,
      assignee: plan.staff,
      internalNote: true,
      pendingFor: 0,
    });
  }
  for (const c of plan.current) {
    drafts.push({
      subject: c.subject,
      description: 'Opened today; nobody has answered yet.',
      priority: c.priority,
      category: pick(categories),
      status: 'new',
      requesterId: pick(requesters),
      createdAt: new Date(now - c.hoursAgo * HOUR),
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      assignee: null,
      internalNote: false,
      pendingFor: 0,
    });
  }
  drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  // Numbered per year in creation order, after any the tenant already has.
  const counters = new Map<number, number>(
    (await tx.select({ year: ticketCounters.year, last: ticketCounters.last }).from(ticketCounters).where(eq(ticketCounters.tenantId, plan.tenantId))).map((c) => [c.year, c.last]),
  );
  const numbered = drafts.map((d) => {
    const year = d.createdAt.getUTCFullYear();
    const next = (counters.get(year) ?? 0) + 1;
    counters.set(year, next);
    return { d, number: `TKT-${year}-${String(next).padStart(5, '0')}` };
  });
  const inserted = await tx
    .insert(tickets)
    .values(
      numbered.map(({ d, number }) => ({
        tenantId: plan.tenantId,
        number,
        subject: d.subject,
        description: d.description,
        priority: d.priority,
        category: d.category,
        status: d.status,
        requesterId: d.requesterId,
        createdAt: d.createdAt,
        updatedAt: d.closedAt ?? d.resolvedAt ?? d.firstResponseAt ?? d.createdAt,
        firstResponseAt: d.firstResponseAt,
        resolvedAt: d.resolvedAt,
        closedAt: d.closedAt,
        outageStart: d.outageStart ?? null,
        outageEnd: d.outageEnd ?? null,
        ...(d.assignee && d.status !== 'new' ? { assigneeId: d.assignee.id, assigneeTenantId: d.assignee.tenantId, assigneeLabel: d.assignee.label } : {}),
      })),
    )
    .returning({ id: tickets.id, number: tickets.number });
  for (const [year, last] of counters) {
    await tx
      .insert(ticketCounters)
      .values({ tenantId: plan.tenantId, year, last })
      .onConflictDoUpdate({ target: [ticketCounters.tenantId, ticketCounters.year], set: { last } });
  }

  const events: (typeof ticketEvents.$inferInsert)[] = [];
  const comments: (typeof ticketComments.$inferInsert)[] = [];
  numbered.forEach(({ d }, i) => {
    const ticketId = inserted[i]!.id;
    const staff = d.assignee ?? plan.staff;
    const ev = (from: TicketStatus | null, to: TicketStatus, at: Date, by = staff.label) => events.push({ tenantId: plan.tenantId, ticketId, fromStatus: from, toStatus: to, actorLabel: by, createdAt: at });
    ev(null, 'new', d.createdAt, 'Customer');
    if (d.status === 'new') return;
    const opened = d.firstResponseAt ?? new Date(d.createdAt.getTime() + HOUR);
    ev('new', 'open', opened);
    let last: TicketStatus = 'open';
    if (d.pendingFor > 0) {
      ev('open', 'pending', new Date(opened.getTime() + 10 * 60_000));
      const back = new Date(opened.getTime() + 10 * 60_000 + d.pendingFor);
      if (back.getTime() < Date.now()) ev('pending', 'open', back, 'Customer');
      else last = 'pending';
    }
    if (d.resolvedAt) {
      ev(last, 'resolved', d.resolvedAt);
      last = 'resolved';
    }
    if (d.closedAt) ev('resolved', 'closed', d.closedAt, 'system');
    else if (!d.resolvedAt && d.status !== last) ev(last, d.status, new Date(opened.getTime() + 30 * 60_000));
    const comment = (body: string, at: Date, internal: boolean, requester = false) =>
      comments.push({
        tenantId: plan.tenantId,
        ticketId,
        authorId: requester ? d.requesterId : staff.id,
        authorTenantId: requester ? plan.tenantId : staff.tenantId,
        authorLabel: requester ? 'Customer' : staff.label,
        fromRequester: requester,
        body,
        internal,
        createdAt: at,
      });
    if (d.firstResponseAt) comment('Thanks for reporting this. We are on it and will update you here.', d.firstResponseAt, false);
    if (d.internalNote) comment('Checked the line and the CPE logs; see the network notes before calling the customer.', new Date(opened.getTime() + 15 * 60_000), true);
    if (d.resolvedAt) comment('This should be fixed now. Reply here if it happens again.', d.resolvedAt, false);
  });
  await tx.insert(ticketEvents).values(events);
  if (comments.length > 0) await tx.insert(ticketComments).values(comments);
  return new Map(numbered.map(({ d, number }, i) => [number, { id: inserted[i]!.id, draft: d }]));
}

/**
 * Alerts a person has already worked, so the Alerts page shows every state on first start: the
 * late first responses of two closed tickets, one acknowledged and one resolved. The breach scan
 * raises the active ones (open tickets past their targets, uptime under a link's target).
 */
export async function seedWorkedAlerts(tx: Tx, tenantId: string, history: Map<string, { id: string; draft: Draft }>, worker: SupportStaff): Promise<void> {
  const late = [...history.entries()].filter(([, t]) => t.draft.status === 'closed' && t.draft.category !== 'network_outage' && t.draft.firstResponseAt && t.draft.firstResponseAt.getTime() - t.draft.createdAt.getTime() > 10 * HOUR).slice(-2);
  for (const [[number, t], status] of late.map((l, i) => [l, i === 0 ? 'resolved' : 'acknowledged'] as const)) {
    const seen = new Date(t.draft.createdAt.getTime() + 9 * HOUR);
    const [row] = await tx
      .insert(alerts)
      .values({
        tenantId,
        type: 'sla_breach',
        severity: t.draft.priority === 'urgent' || t.draft.priority === 'high' ? 'critical' : t.draft.priority === 'normal' ? 'warning' : 'info',
        status,
        dedupKey: `sla_breach:ticket:${t.id}:first_response`,
        title: `${number}: first response target breached`,
        message: `${t.draft.subject} (${t.draft.priority}) was not answered in time.`,
        metadata: { ticket_number: number, metric: 'first_response', priority: t.draft.priority },
        ticketId: t.id,
        occurrences: 3,
        firstSeenAt: seen,
        lastSeenAt: new Date(seen.getTime() + 2 * 60_000),
        acknowledgedAt: new Date(seen.getTime() + 20 * 60_000),
        acknowledgedBy: worker.label,
        assigneeId: worker.id,
        assigneeTenantId: worker.tenantId,
        assigneeLabel: worker.label,
        ...(status === 'resolved' ? { resolvedAt: t.draft.firstResponseAt!, resolvedBy: worker.label } : {}),
        updatedAt: status === 'resolved' ? t.draft.firstResponseAt! : new Date(seen.getTime() + 20 * 60_000),
      })
      .returning({ id: alerts.id });
    await tx.insert(alertEvents).values([
      { tenantId, alertId: row!.id, action: 'triggered', actorLabel: 'system', createdAt: seen },
      { tenantId, alertId: row!.id, action: 'assigned', actorLabel: worker.label, createdAt: new Date(seen.getTime() + 19 * 60_000) },
      { tenantId, alertId: row!.id, action: 'acknowledged', actorLabel: worker.label, note: 'Calling the customer now.', createdAt: new Date(seen.getTime() + 20 * 60_000) },
      ...(status === 'resolved' ? [{ tenantId, alertId: row!.id, action: 'resolved', actorLabel: worker.label, note: 'Answered; the customer confirmed.', createdAt: t.draft.firstResponseAt! }] : []),
    ]);
  }
}

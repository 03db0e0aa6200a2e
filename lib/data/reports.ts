import 'server-only';
import { sql } from 'drizzle-orm';
import { OUTAGE_CATEGORY } from '@/lib/config/tickets';
import { forbidden } from '@/lib/errors';
import { can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { slaReportSchema, usageReportSchema, type SlaByTenant, type SlaReport, type UsageByTenant, type UsagePoint, type UsageReport } from '@/lib/validation/reports';
import type { z } from '@/lib/validation/zod';
import { consolidatedRead, ref, type Readable } from './consolidated';
import { featureOnSql } from './features';
import type { Tx } from './tx';

// Reports (DESIGN.md section 4): usage and SLA over a period, per tenant, across every tenant the
// caller reads reports in (a partner's managed tenants whose live link grants them, and home),
// in one transaction with the reads through links audited. Days are UTC days.

const DAY_MS = 86_400_000;
/** The share of tickets meeting their targets that the SLA chart draws as its line. */
export const TICKET_COMPLIANCE_TARGET = 95;

type Period = { from: string; to: string; days: number };
const startOf = (p: Period) => new Date(`${p.from}T00:00:00Z`);
/** The period's end: the day after `to`, or now when that is still to come. */
const endOf = (p: Period, now = Date.now()) => new Date(Math.min(Date.parse(`${p.to}T00:00:00Z`) + DAY_MS, now));
const ids = (tenants: readonly Readable[]) => `{${tenants.map((t) => t.id).join(',')}}`;
const pct = (n: number) => Math.round(n * 1000) / 1000;

function denyWithout(ctx: RequestContext, tenantPermission: 'reports.usage.read' | 'reports.sla.read', partnerPermission: 'partner.reports.usage.read' | 'partner.reports.sla.read') {
  if (!can(ctx, tenantPermission) && !can(ctx, partnerPermission)) throw forbidden(tenantPermission);
}


// ---------------------------------------------------------------------------------------------
// Usage

/** Every bucket of the period (day, ISO week from Monday, month), as YYYY-MM-DD of its first day. */
export function buckets(p: Period, unit: 'day' | 'week' | 'month'): string[] {
  const out: string[] = [];
  const first = startOf(p);
  if (unit === 'week') first.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7));
  if (unit === 'month') first.setUTCDate(1);
  const last = Date.parse(`${p.to}T00:00:00Z`);
  for (const d = first; d.getTime() <= last; ) {
    out.push(d.toISOString().slice(0, 10));
    if (unit === 'day') d.setUTCDate(d.getUTCDate() + 1);
    else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

type UsageRow = { tenant_id: string; bucket: string; active_users: number; sessions: number; operations: number; new_users: number };

async function usageRows(tx: Tx, tenants: readonly Readable[], p: Period, unit: 'day' | 'week' | 'month', audit?: ReturnType<typeof sql>) {
  const from = startOf(p).toISOString();
  const to = new Date(Date.parse(`${p.to}T00:00:00Z`) + DAY_MS).toISOString();
  const b = (col: string) => sql.raw(`(date_trunc('${unit}', ${col} at time zone 'UTC'))::date::text`);
  return tx.execute<UsageRow>(sql`
    with activity as (
      select tenant_id, user_id, ${b('created_at')} as bucket, 1 as session, 0 as operation from sessions
      where tenant_id = any(${ids(tenants)}::uuid[]) and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
      union all
      select tenant_id, user_id, ${b('at')}, 0, 1 from usage_operations
      where tenant_id = any(${ids(tenants)}::uuid[]) and at >= ${from}::timestamptz and at < ${to}::timestamptz
    ), joined as (
      select tenant_id, ${b('created_at')} as bucket, count(*)::int as n from users
      where tenant_id = any(${ids(tenants)}::uuid[]) and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz and type <> 'admin'
      group by 1, 2
    ), used as (
      select tenant_id, bucket, count(distinct user_id)::int as active_users, sum(session)::int as sessions, sum(operation)::int as operations from activity group by 1, 2
    )
    select coalesce(u.tenant_id, j.tenant_id) as tenant_id, coalesce(u.bucket, j.bucket) as bucket,
      coalesce(u.active_users, 0) as active_users, coalesce(u.sessions, 0) as sessions, coalesce(u.operations, 0) as operations, coalesce(j.n, 0) as new_users
    from ${audit ? sql`(select ${audit}) audit_, ` : sql``}used u full join joined j on j.tenant_id = u.tenant_id and j.bucket = u.bucket`);
}

/**
 * The usage report: active users (a session or an operation in the bucket), sessions, operations
 * (kept 7 days, for users with a quota), new end users, over time and per tenant; subscriptions
 * by state now; revenue (succeeded payments) per currency over time.
 */
export async function usageReport(ctx: RequestContext, input: z.input<typeof usageReportSchema>): Promise<UsageReport> {
  denyWithout(ctx, 'reports.usage.read', 'partner.reports.usage.read');
  const { group_by: groupBy, ...parsed } = usageReportSchema.parse(input);
  const period = { from: parsed.from, to: parsed.to, days: parsed.days };
  const unit = groupBy === 'tenant' ? (period.days > 92 ? 'month' : period.days > 31 ? 'week' : 'day') : groupBy;
  const { tenants, result } = await consolidatedRead(
    ctx,
    { permission: 'reports.usage.read', noun: 'reports', resourceType: 'report' },
    parsed.tenantIds,
    'reports.usage',
    async (tx, t, audit) => {
      if (t.length === 0) return { usage: [], active: [], subs: [], revenue: [] };
      const fromTs = startOf(period).toISOString();
      const toTs = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY_MS).toISOString();
      const [usage, active, subs, revenue] = await Promise.all([
        usageRows(tx, t, period, unit, audit),
        // Distinct active users over the whole period (a user active on two days counts once).
        tx.execute<{ tenant_id: string; n: number }>(sql`
          select tenant_id, count(distinct user_id)::int as n from (
            select tenant_id, user_id from sessions where tenant_id = any(${ids(t)}::uuid[]) and created_at >= ${fromTs}::timestamptz and created_at < ${toTs}::timestamptz
            union
            select tenant_id, user_id from usage_operations where tenant_id = any(${ids(t)}::uuid[]) and at >= ${fromTs}::timestamptz and at < ${toTs}::timestamptz
          ) a group by tenant_id`),
        tx.execute<{ tenant_id: string; state: 'signing' | 'signed' | 'suspended' | 'unsigned'; n: number }>(sql`
          select tenant_id, state, count(*)::int as n from subscriptions where tenant_id = any(${ids(t)}::uuid[]) group by 1, 2`),
        tx.execute<{ bucket: string; currency: string; amount: string; payments: number }>(sql`
          select (date_trunc(${unit}, paid_on::timestamp))::date::text as bucket, currency, sum(amount_minor)::bigint as amount, count(*)::int as payments
          from payments where tenant_id = any(${ids(t)}::uuid[]) and status = 'succeeded' and paid_on between ${period.from}::date and ${period.to}::date
          group by 1, 2 order by 1, 2`),
      ]);
      return { usage: [...usage], active: [...active], subs: [...subs], revenue: [...revenue] };
    },
    true,
  );
  const series = new Map<string, UsagePoint>(buckets(period, unit).map((k) => [k, { bucket: k, activeUsers: 0, sessions: 0, operations: 0, newUsers: 0 }]));
  const perTenant = new Map<string, UsageByTenant>(
    tenants.map((t) => [t.id, { tenant: ref(t), activeUsers: 0, sessions: 0, operations: 0, newUsers: 0, subscribers: { signing: 0, signed: 0, suspended: 0, unsigned: 0 }, totalSubscribers: 0 }]),
  );
  for (const r of result.usage) {
    const point = series.get(r.bucket);
    if (point) {
      point.activeUsers += r.active_users;
      point.sessions += r.sessions;
      point.operations += r.operations;
      point.newUsers += r.new_users;
    }
    const row = perTenant.get(r.tenant_id)!;
    row.sessions += r.sessions;
    row.operations += r.operations;
    row.newUsers += r.new_users;
  }
  for (const a of result.active) perTenant.get(a.tenant_id)!.activeUsers = a.n;
  for (const s of result.subs) {
    const row = perTenant.get(s.tenant_id)!;
    row.subscribers[s.state] = s.n;
    if (s.state !== 'unsigned') row.totalSubscribers += s.n;
  }
  const byTenant = [...perTenant.values()];
  const timeSeries = groupBy === 'tenant' ? [] : [...series.values()];
  return {
    period,
    groupBy,
    tenants: tenants.map(ref),
    timeSeries,
    byTenant,
    revenue: result.revenue.map((r) => ({ bucket: r.bucket, currency: r.currency, amountMinor: Number(r.amount), payments: r.payments })),
    summary: {
      activeUsers: byTenant.reduce((n, r) => n + r.activeUsers, 0),
      sessions: byTenant.reduce((n, r) => n + r.sessions, 0),
      operations: byTenant.reduce((n, r) => n + r.operations, 0),
      newUsers: byTenant.reduce((n, r) => n + r.newUsers, 0),
      totalSubscribers: byTenant.reduce((n, r) => n + r.totalSubscribers, 0),
      activeSubscribers: byTenant.reduce((n, r) => n + r.subscribers.signed, 0),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// SLA

type TicketRow = { tenant_id: string; tickets: number; fr_met: number; fr_breached: number; res_met: number; res_breached: number; breaches: number; avg_res: string | null };
type OutageRow = { tenant_id: string; start: string; end: string; ended: boolean; duration_minutes: string };

/** Minutes of [a, b) covered by sorted, merged spans. */
const covered = (spans: readonly [number, number][], a: number, b: number) => spans.reduce((n, [s, e]) => n + Math.max(0, Math.min(e, b) - Math.max(s, a)), 0) / 60_000;

/** Overlapping spans merged, in order. */
function merge(spans: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of [...spans].sort((x, y) => x[0] - y[0])) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * The SLA report: per tenant, first-response and resolution compliance of the tickets opened in
 * the period (met against met plus breached; timers still running count in neither), breaches
 * that fell in the period, the average resolution time, and uptime from network outages (overlaps
 * counted once) against the link's uptime target (or `target_percentage`), with the worst day,
 * the outage count and the mean time to repair of the outages that ended.
 */
export async function slaReport(ctx: RequestContext, input: z.input<typeof slaReportSchema>, now = Date.now()): Promise<SlaReport> {
  denyWithout(ctx, 'reports.sla.read', 'partner.reports.sla.read');
  const parsed = slaReportSchema.parse(input);
  const period = { from: parsed.from, to: parsed.to, days: parsed.days };
  const from = startOf(period);
  const end = endOf(period, now);
  const nextDay = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY_MS);
  const { tenants, result } = await consolidatedRead(
    ctx,
    { permission: 'reports.sla.read', noun: 'reports', resourceType: 'report' },
    parsed.tenantIds,
    'reports.sla',
    async (tx, t, audit) => {
      if (t.length === 0) return { tickets: [], outages: [] };
      const [tickets, outages] = await Promise.all([
        tx.execute<TicketRow>(sql`
          with enabled as (select s.id from unnest(${ids(t)}::uuid[]) as s(id) where ${featureOnSql('s.id', 'tickets')})
          select tenant_id, (count(*) filter (where created)) ::int as tickets,
            (count(*) filter (where created and sla_response_state = 'met'))::int as fr_met,
            (count(*) filter (where created and sla_response_state = 'breached'))::int as fr_breached,
            (count(*) filter (where created and sla_resolution_state = 'met'))::int as res_met,
            (count(*) filter (where created and sla_resolution_state = 'breached'))::int as res_breached,
            (count(*) filter (where sla_breached_at >= ${from.toISOString()}::timestamptz and sla_breached_at < ${nextDay.toISOString()}::timestamptz))::int as breaches,
            avg(extract(epoch from resolved_at - created_at) / 3600) filter (where resolved_at >= ${from.toISOString()}::timestamptz and resolved_at < ${nextDay.toISOString()}::timestamptz) as avg_res
          from ${audit ? sql`(select ${audit}) audit_, ` : sql``}(
            select tk.*, (tk.created_at >= ${from.toISOString()}::timestamptz and tk.created_at < ${nextDay.toISOString()}::timestamptz) as created
            from tickets tk
            where tk.tenant_id = any(array(select id from enabled))
              and ((tk.created_at >= ${from.toISOString()}::timestamptz and tk.created_at < ${nextDay.toISOString()}::timestamptz)
                or (tk.sla_breached_at >= ${from.toISOString()}::timestamptz and tk.sla_breached_at < ${nextDay.toISOString()}::timestamptz)
                or (tk.resolved_at >= ${from.toISOString()}::timestamptz and tk.resolved_at < ${nextDay.toISOString()}::timestamptz))
          ) x group by tenant_id`),
        tx.execute<OutageRow>(sql`
          select tenant_id, outage_start::text as start, coalesce(outage_end, ${new Date(now).toISOString()}::timestamptz)::text as end, outage_end is not null as ended,
            extract(epoch from coalesce(outage_end, ${new Date(now).toISOString()}::timestamptz) - outage_start) / 60 as duration_minutes
          from tickets
          where tenant_id = any(${ids(t)}::uuid[]) and category = ${OUTAGE_CATEGORY} and outage_start < ${end.toISOString()}::timestamptz
            and coalesce(outage_end, ${new Date(now).toISOString()}::timestamptz) > ${from.toISOString()}::timestamptz`),
      ]);
      return { tickets: [...tickets], outages: [...outages] };
    },
    true,
  );
  const windowMinutes = Math.max(0, (end.getTime() - from.getTime()) / 60_000);
  const byTenant: SlaByTenant[] = tenants.map((t) => {
    const tk = result.tickets.find((r) => r.tenant_id === t.id);
    const mine = result.outages.filter((o) => o.tenant_id === t.id);
    const spans = merge(mine.map((o) => [Date.parse(o.start), Date.parse(o.end)]));
    const down = covered(spans, from.getTime(), end.getTime());
    const ended = mine.filter((o) => o.ended);
    let worst: { date: string; percentage: number } | null = null;
    for (let d = from.getTime(); d < end.getTime(); d += DAY_MS) {
      const dayEnd = Math.min(d + DAY_MS, end.getTime());
      const minutes = covered(spans, d, dayEnd);
      if (minutes <= 0) continue;
      const percentage = pct(100 * (1 - minutes / ((dayEnd - d) / 60_000)));
      if (!worst || percentage < worst.percentage) worst = { date: new Date(d).toISOString().slice(0, 10), percentage };
    }
    const target = t.link?.sla.uptimeTarget ?? parsed.target_percentage;
    const uptime = windowMinutes > 0 ? pct(100 * (1 - down / windowMinutes)) : 100;
    const compliance = (met: number, breached: number) => (met + breached > 0 ? pct((100 * met) / (met + breached)) : null);
    return {
      tenant: ref(t),
      tickets: tk?.tickets ?? 0,
      firstResponse: { met: tk?.fr_met ?? 0, breached: tk?.fr_breached ?? 0, compliance: compliance(tk?.fr_met ?? 0, tk?.fr_breached ?? 0) },
      resolution: { met: tk?.res_met ?? 0, breached: tk?.res_breached ?? 0, compliance: compliance(tk?.res_met ?? 0, tk?.res_breached ?? 0) },
      breachCount: tk?.breaches ?? 0,
      avgResolutionHours: tk?.avg_res === null || tk?.avg_res === undefined ? null : Math.round(Number(tk.avg_res) * 10) / 10,
      uptime: {
        percentage: uptime,
        downtimeMinutes: Math.round(down),
        outageCount: mine.length,
        mttrMinutes: ended.length > 0 ? Math.round(ended.reduce((n, o) => n + Number(o.duration_minutes), 0) / ended.length) : null,
        worstDay: worst,
        target,
        meetsSla: uptime >= target,
      },
    };
  });
  // Tenants under their target first (REP-1), then by name.
  byTenant.sort((a, b) => Number(a.uptime.meetsSla) - Number(b.uptime.meetsSla) || a.tenant.name.localeCompare(b.tenant.name));
  const uptimes = byTenant.map((r) => r.uptime.percentage);
  return {
    period,
    tenants: tenants.map(ref),
    complianceTarget: TICKET_COMPLIANCE_TARGET,
    byTenant,
    summary: {
      tenantCount: byTenant.length,
      avgUptime: uptimes.length > 0 ? pct(uptimes.reduce((a, b) => a + b, 0) / uptimes.length) : null,
      worstUptime: uptimes.length > 0 ? Math.min(...uptimes) : null,
      tenantsMeetingSla: byTenant.filter((r) => r.uptime.meetsSla).length,
      tenantsBreachingSla: byTenant.filter((r) => !r.uptime.meetsSla).length,
      totalBreachCount: byTenant.reduce((n, r) => n + r.breachCount, 0),
      totalDowntimeMinutes: byTenant.reduce((n, r) => n + r.uptime.downtimeMinutes, 0),
    },
  };
}

import 'server-only';
import { z } from 'zod';
import { csvRow } from '@/lib/csv';
import type { SlaReport, UsageReport } from '@/lib/validation/reports';

// The report API's answers: the seed's shapes (contracts 10 and 11) as JSON, or with
// `format=csv` exactly the rows the charts plot, as a file. Fields the portal has no source for
// (data volume, bandwidth: network equipment's) are left out; docs/api.md says so.

/** What a report URL may carry; the data layer parses the values themselves (422 on bad ones). */
export const reportQuerySchema = z.object({
  from_date: z.string().max(20).optional(),
  to_date: z.string().max(20).optional(),
  tenant_ids: z.string().max(4000).optional(),
  group_by: z.string().max(10).optional(),
  target_percentage: z.string().max(10).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

const csvFile = (name: string, lines: string[]) =>
  new Response(`${lines.join('\r\n')}\r\n`, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
  });

export function usageCsv(r: UsageReport): Response {
  const lines = [csvRow(['period_start', 'active_users', 'sessions', 'new_users', 'operations'])];
  for (const p of r.timeSeries) lines.push(csvRow([p.bucket, p.activeUsers, p.sessions, p.newUsers, p.operations]));
  lines.push('', csvRow(['tenant_id', 'tenant_name', 'active_users', 'sessions', 'new_users', 'operations', 'subscribers_signed', 'subscribers_signing', 'subscribers_suspended']));
  for (const t of r.byTenant) lines.push(csvRow([t.tenant.id, t.tenant.name, t.activeUsers, t.sessions, t.newUsers, t.operations, t.subscribers.signed, t.subscribers.signing, t.subscribers.suspended]));
  lines.push('', csvRow(['period_start', 'currency', 'revenue_minor', 'payments']));
  for (const v of r.revenue) lines.push(csvRow([v.bucket, v.currency, v.amountMinor, v.payments]));
  return csvFile(`usage-${r.period.from}-${r.period.to}.csv`, lines);
}

export function slaCsv(r: SlaReport): Response {
  const lines = [
    csvRow(['tenant_id', 'tenant_name', 'tickets', 'first_response_met_pct', 'resolution_met_pct', 'breaches', 'avg_resolution_hours', 'uptime_pct', 'uptime_target_pct', 'meets_target', 'downtime_minutes', 'outages', 'mttr_minutes', 'worst_day', 'worst_day_uptime_pct']),
  ];
  for (const t of r.byTenant) {
    lines.push(
      csvRow([
        t.tenant.id,
        t.tenant.name,
        t.tickets,
        t.firstResponse.compliance,
        t.resolution.compliance,
        t.breachCount,
        t.avgResolutionHours,
        t.uptime.percentage,
        t.uptime.target,
        t.uptime.meetsSla,
        t.uptime.downtimeMinutes,
        t.uptime.outageCount,
        t.uptime.mttrMinutes,
        t.uptime.worstDay?.date,
        t.uptime.worstDay?.percentage,
      ]),
    );
  }
  return csvFile(`sla-${r.period.from}-${r.period.to}.csv`, lines);
}

export function usageBody(r: UsageReport) {
  return {
    summary: { total_subscribers: r.summary.totalSubscribers, active_subscribers: r.summary.activeSubscribers, active_users: r.summary.activeUsers, sessions: r.summary.sessions, new_users: r.summary.newUsers, operations: r.summary.operations, period_days: r.period.days },
    by_tenant: r.byTenant.map((t) => ({
      tenant_id: t.tenant.id,
      tenant_name: t.tenant.name,
      subscriber_count: t.totalSubscribers,
      active_subscriber_count: t.subscribers.signed,
      subscribers_by_state: t.subscribers,
      active_users: t.activeUsers,
      sessions: t.sessions,
      new_users: t.newUsers,
      operations: t.operations,
    })),
    time_series: r.timeSeries.map((p) => ({ date: p.bucket, active_users: p.activeUsers, sessions: p.sessions, new_users: p.newUsers, operations: p.operations })),
    revenue: r.revenue.map((v) => ({ date: v.bucket, currency: v.currency, amount: v.amountMinor, payments: v.payments })),
    group_by: r.groupBy,
    period: { from_date: r.period.from, to_date: r.period.to, days: r.period.days },
  };
}

export function slaBody(r: SlaReport) {
  return {
    summary: {
      tenant_count: r.summary.tenantCount,
      avg_uptime_percentage: r.summary.avgUptime,
      tenants_meeting_sla: r.summary.tenantsMeetingSla,
      tenants_breaching_sla: r.summary.tenantsBreachingSla,
      total_breach_count: r.summary.totalBreachCount,
      total_downtime_minutes: r.summary.totalDowntimeMinutes,
      worst_uptime_percentage: r.summary.worstUptime,
    },
    by_tenant: r.byTenant.map((t) => ({
      tenant_id: t.tenant.id,
      tenant_name: t.tenant.name,
      uptime_percentage: t.uptime.percentage,
      downtime_minutes: t.uptime.downtimeMinutes,
      breach_count: t.breachCount,
      meets_sla: t.uptime.meetsSla,
      sla_target: t.uptime.target,
      worst_day: t.uptime.worstDay ? { date: t.uptime.worstDay.date, uptime_percentage: t.uptime.worstDay.percentage } : null,
      outage_count: t.uptime.outageCount,
      mttr_minutes: t.uptime.mttrMinutes,
      tickets: t.tickets,
      first_response_compliance: t.firstResponse.compliance,
      resolution_compliance: t.resolution.compliance,
      avg_resolution_hours: t.avgResolutionHours,
    })),
    compliance_target: r.complianceTarget,
    period: { from_date: r.period.from, to_date: r.period.to, days: r.period.days },
  };
}

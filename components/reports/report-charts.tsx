'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, tooltipStyle, type ChartConfig } from '@/components/charts/chart';
import { formatPrice } from '@/lib/config/subscriptions';
import type { SlaReport, UsageReport } from '@/lib/validation/reports';

const usageSeries: ChartConfig = {
  activeUsers: { label: 'Active users', color: 'var(--chart-1)' },
  sessions: { label: 'Sessions', color: 'var(--chart-2)' },
  newUsers: { label: 'New users', color: 'var(--chart-3)' },
  operations: { label: 'Operations', color: 'var(--chart-4)' },
};
const axis = { fontSize: 12, fill: 'var(--muted-foreground)' };
const pct = (v: number | null) => (v === null ? null : `${v.toFixed(1)} %`);

/** Usage over time (all tenants shown, summed) and revenue per currency. */
export function UsageCharts({ report, period, csvHref }: { report: UsageReport; period: string; csvHref: string }) {
  const series = report.timeSeries;
  const empty = series.every((p) => p.activeUsers + p.sessions + p.newUsers + p.operations === 0);
  const currencies = [...new Set(report.revenue.map((r) => r.currency))].sort();
  return (
    <div className="grid gap-4">
      <ChartCard
        title="Usage over time"
        description={`${period} · people and sessions per ${report.groupBy === 'tenant' ? 'day' : report.groupBy}`}
        empty={empty || series.length === 0}
        csvHref={csvHref}
        table={{ columns: ['Period starting', ...Object.values(usageSeries).map((s) => s.label)], rows: series.map((p) => [p.bucket, p.activeUsers, p.sessions, p.newUsers, p.operations]) }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={series} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="bucket" tick={axis} />
            <YAxis allowDecimals={false} tick={axis} />
            <Tooltip contentStyle={tooltipStyle} />
            <Legend />
            {Object.entries(usageSeries).map(([key, s]) => (
              <Line key={key} type="monotone" dataKey={key} name={s.label} stroke={s.color} strokeWidth={2} dot={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      {currencies.map((currency) => {
        const rows = report.revenue.filter((r) => r.currency === currency);
        const data = rows.map((r) => ({ bucket: r.bucket, amount: r.amountMinor, label: formatPrice(r.amountMinor, currency) }));
        return (
          <ChartCard
            key={currency}
            title={`Revenue in ${currency}`}
            description={`${period} · succeeded payments, ${currency}`}
            empty={rows.length === 0}
            table={{ columns: ['Period starting', `Revenue (${currency})`, 'Payments'], rows: rows.map((r) => [r.bucket, formatPrice(r.amountMinor, currency), r.payments]) }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis dataKey="bucket" tick={axis} />
                <YAxis tick={axis} tickFormatter={(v: number) => formatPrice(v, currency)} width={90} />
                <Tooltip contentStyle={tooltipStyle} formatter={(v) => [formatPrice(Number(v), currency), 'Revenue']} />
                <Legend />
                <Bar dataKey="amount" name={`Revenue (${currency})`} fill="var(--chart-2)" />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        );
      })}
    </div>
  );
}

/**
 * SLA compliance per tenant against the target line, and uptime per tenant against each link's
 * target. A tenant's bar opens its breached tickets on the board (`tickets.href`, with the tenant
 * added when `byTenant`), or the tenant's ticket list.
 */
export function SlaCharts({ report, period, csvHref, tickets }: { report: SlaReport; period: string; csvHref: string; tickets: { href: string; byTenant: boolean } }) {
  const router = useRouter();
  const rows = report.byTenant;
  const compliance = rows.map((r) => ({ id: r.tenant.id, name: r.tenant.name, firstResponse: r.firstResponse.compliance, resolution: r.resolution.compliance }));
  const uptime = rows.map((r) => ({ id: r.tenant.id, name: r.tenant.name, uptime: r.uptime.percentage, target: r.uptime.target }));
  const targets = [...new Set(rows.map((r) => r.uptime.target))];
  const low = Math.min(99, ...rows.map((r) => r.uptime.percentage));
  const open = (data: unknown) => {
    const id = (data as { payload?: { id?: string } } | undefined)?.payload?.id;
    if (id) router.push(tickets.byTenant ? `${tickets.href}&tenant=${id}` : tickets.href);
  };
  return (
    <div className="grid gap-4">
      <ChartCard
        title="Ticket SLA compliance per tenant"
        description={`${period} · percent of tickets opened in the period that met their target`}
        empty={compliance.every((c) => c.firstResponse === null && c.resolution === null)}
        csvHref={csvHref}
        table={{
          columns: ['Tenant', 'First response met', 'Resolution met', 'Breaches', 'Avg resolution (h)'],
          rows: rows.map((r) => [r.tenant.name, pct(r.firstResponse.compliance), pct(r.resolution.compliance), r.breachCount, r.avgResolutionHours]),
        }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={compliance} margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="name" tick={axis} />
            <YAxis domain={[0, 100]} unit=" %" tick={axis} />
            <Tooltip contentStyle={tooltipStyle} formatter={(v) => `${Number(v).toFixed(1)} %`} />
            <Legend />
            <ReferenceLine y={report.complianceTarget} stroke="var(--chart-target)" strokeDasharray="6 3" label={{ value: `Target ${report.complianceTarget} %`, position: 'insideTopRight', fill: 'var(--chart-target)', fontSize: 12 }} />
            <Bar dataKey="firstResponse" name="First response met" fill="var(--chart-1)" cursor="pointer" onClick={open} />
            <Bar dataKey="resolution" name="Resolution met" fill="var(--chart-2)" cursor="pointer" onClick={open} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="Uptime per tenant"
        description={`${period} · percent of the time without a network outage`}
        empty={rows.length === 0}
        csvHref={csvHref}
        table={{
          columns: ['Tenant', 'Uptime', 'Target', 'Meets target', 'Downtime (min)', 'Outages', 'MTTR (min)', 'Worst day'],
          rows: rows.map((r) => [
            r.tenant.name,
            pct(r.uptime.percentage),
            pct(r.uptime.target),
            r.uptime.meetsSla ? 'Yes' : 'No, under target',
            r.uptime.downtimeMinutes,
            r.uptime.outageCount,
            r.uptime.mttrMinutes,
            r.uptime.worstDay ? `${r.uptime.worstDay.date} (${pct(r.uptime.worstDay.percentage)})` : null,
          ]),
        }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={uptime} margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="name" tick={axis} />
            <YAxis domain={[Math.floor(low), 100]} unit=" %" tick={axis} allowDataOverflow />
            <Tooltip contentStyle={tooltipStyle} formatter={(v) => `${Number(v).toFixed(3)} %`} />
            <Legend />
            {targets.length === 1 ? (
              <ReferenceLine y={targets[0]} stroke="var(--chart-target)" strokeDasharray="6 3" label={{ value: `Target ${targets[0]} %`, position: 'insideTopLeft', fill: 'var(--chart-target)', fontSize: 12 }} />
            ) : (
              <Bar dataKey="target" name="Target" fill="var(--chart-target)" />
            )}
            <Bar dataKey="uptime" name="Uptime" fill="var(--chart-1)" cursor="pointer" onClick={open} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}

import Link from 'next/link';
import { SlaCharts, UsageCharts } from '@/components/reports/lazy-charts';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { slaReport, usageReport } from '@/lib/data/reports';
import { can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { MAX_REPORT_DAYS } from '@/lib/validation/reports';

const DAY = 86_400_000;
const ranges = [
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: '90d', label: 'Last 90 days', days: 90 },
] as const;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** "3 more than the 30 days before", in words (never colour alone). */
const change = (now: number, then: number | undefined) =>
  then === undefined ? null : now === then ? 'Same as the period before' : `${Math.abs(now - then)} ${now > then ? 'more' : 'fewer'} than the period before`;
const words = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The period in the URL: a preset (`range=7d|30d|90d`, 30 days by default) or a custom `from_date`/`to_date` (dropped when not valid). */
function periodOf(raw: Record<string, string | undefined>, now: number): { from: string; to: string; range: string } {
  const valid = (d?: string) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) ? d : undefined);
  const from = valid(raw.from_date);
  const to = valid(raw.to_date);
  if (from && to && from <= to && Date.parse(to) - Date.parse(from) < MAX_REPORT_DAYS * DAY) return { from, to, range: 'custom' };
  const preset = ranges.find((r) => r.id === raw.range) ?? ranges[1];
  return { from: iso(now - (preset.days - 1) * DAY), to: iso(now), range: preset.id };
}

/**
 * Usage and SLA reports for one tenant (`tenantId`) or, at All tenants, every tenant the caller's
 * links grant reports in (narrowed by `tenant` in the URL). Time range and tenant live in the URL
 * and every chart on the page shares them.
 */
export async function ReportsView({ ctx, raw, base, tenantId, tenants, now }: { ctx: RequestContext; raw: Record<string, string | undefined>; base: string; tenantId: string | null; tenants: { id: string; name: string }[] | null; now: number }) {
  const period = periodOf(raw, now);
  const chosen = tenantId ?? (tenants?.some((t) => t.id === raw.tenant) ? raw.tenant : undefined);
  const all = tenantId === null;
  const mayUsage = can(ctx, all ? 'partner.reports.usage.read' : 'reports.usage.read');
  const maySla = can(ctx, all ? 'partner.reports.sla.read' : 'reports.sla.read');
  const query = { from_date: period.from, to_date: period.to, tenant_ids: chosen };
  // The period before, as long, for each key figure's change.
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / DAY) + 1;
  const before = { from_date: iso(Date.parse(period.from) - days * DAY), to_date: iso(Date.parse(period.from) - DAY), tenant_ids: chosen };
  const groupBy = period.range === '90d' || period.range === 'custom' ? 'week' : 'day';
  const [usage, sla, usageBefore, slaBefore] = await Promise.all([
    mayUsage ? usageReport(ctx, { ...query, group_by: groupBy }) : null,
    maySla ? slaReport(ctx, query, now) : null,
    mayUsage ? usageReport(ctx, { ...before, group_by: 'tenant' }) : null,
    maySla ? slaReport(ctx, before, now) : null,
  ]);
  const api = all ? '/api/v1/partner/reports' : '/api/v1/reports';
  const csv = (kind: string) => `${api}/${kind}?${new URLSearchParams({ from_date: period.from, to_date: period.to, ...(all && chosen ? { tenant_ids: chosen } : {}), format: 'csv' }).toString()}`;
  const periodWords = `${words(period.from)} to ${words(period.to)}`;
  const keep = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(raw.tenant && all ? { tenant: raw.tenant } : {}), ...extra }).toString()}`;
  // Breached tickets: on the board for partner staff (per tenant), else the tenant's ticket list.
  const board = all || can(ctx, 'partner.tenants.switch_context');
  const breachedHref = (id?: string) => (board ? `/t/all/tickets?${new URLSearchParams({ sla: 'breached', ...(id ? { tenant: id } : {}) }).toString()}` : `${base.replace(/\/reports$/, '')}/tickets`);
  const kpis = [
    ...(sla
      ? [
          { label: 'SLA breaches', value: String(sla.summary.totalBreachCount), change: change(sla.summary.totalBreachCount, slaBefore?.summary.totalBreachCount), href: breachedHref(chosen) },
          { label: 'Tenants under their uptime target', value: `${sla.summary.tenantsBreachingSla} of ${sla.summary.tenantCount}`, href: '#uptime' },
          { label: 'Average uptime', value: sla.summary.avgUptime === null ? '—' : `${sla.summary.avgUptime.toFixed(3)} %`, href: '#uptime' },
        ]
      : []),
    ...(usage ? [{ label: 'New users', value: String(usage.summary.newUsers), change: change(usage.summary.newUsers, usageBefore?.summary.newUsers), href: all ? '/t/all/users' : `${base.replace(/\/reports$/, '')}/users` }] : []),
  ];
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Reports</h1>
        <p className="text-sm text-muted-foreground">
          {periodWords}
          {all && ` · ${(sla ?? usage)?.tenants.length ?? 0} tenants: ${((sla ?? usage)?.tenants ?? []).map((t) => t.name).join(', ') || 'none'}`}
        </p>
      </div>
      <nav aria-label="Time range" className="flex flex-wrap items-end gap-2">
        {ranges.map((r) => (
          <Link key={r.id} href={keep({ range: r.id })} aria-current={period.range === r.id ? 'page' : undefined} className="rounded-md border px-3 py-1.5 text-sm aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground">
            {r.label}
          </Link>
        ))}
        <form method="get" action={base} className="flex flex-wrap items-end gap-2" aria-label="Custom period">
          <label className="flex flex-col text-xs text-muted-foreground">
            From
            <input type="date" name="from_date" defaultValue={period.from} required className="h-9 rounded-md border bg-background px-2 text-sm text-foreground" />
          </label>
          <label className="flex flex-col text-xs text-muted-foreground">
            To
            <input type="date" name="to_date" defaultValue={period.to} required className="h-9 rounded-md border bg-background px-2 text-sm text-foreground" />
          </label>
          {tenants && (
            <label className="flex flex-col text-xs text-muted-foreground">
              Tenant
              <select name="tenant" defaultValue={chosen ?? ''} className="h-9 rounded-md border bg-background px-2 text-sm text-foreground">
                <option value="">All</option>
                {tenants.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" className="h-9 rounded-md border px-3 text-sm hover:bg-accent">
            Show
          </button>
        </form>
      </nav>
      {kpis.length > 0 && (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Key figures">
          {kpis.map((k) => (
            <li key={k.label}>
              <Link href={k.href} className="block rounded-lg border bg-card p-4 hover:bg-accent">
                <span className="block text-sm text-muted-foreground">{k.label}</span>
                <span className="text-2xl font-semibold">{k.value}</span>
                {'change' in k && k.change && <span className="block text-xs text-muted-foreground">{k.change}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {sla && (
        <section aria-labelledby="sla-heading" id="uptime" className="flex flex-col gap-3">
          <h2 id="sla-heading" className="text-lg font-semibold">
            SLA
          </h2>
          <SlaCharts report={sla} period={periodWords} csvHref={csv('sla')} tickets={board ? { href: '/t/all/tickets?sla=breached', byTenant: true } : { href: breachedHref(), byTenant: false }} />
          <Card>
            <CardHeader>
              <CardTitle>Tenants under their uptime target come first</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="flex flex-col gap-1 text-sm">
                {sla.byTenant.map((r) => (
                  <li key={r.tenant.id}>
                    <span aria-hidden="true">{r.uptime.meetsSla ? '✓' : '✗'}</span> <strong>{r.tenant.name}</strong>: {r.uptime.meetsSla ? 'meets' : 'under'} its {r.uptime.target} % target at {r.uptime.percentage.toFixed(3)} %, {r.breachCount} ticket
                    {r.breachCount === 1 ? '' : 's'} breached
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        </section>
      )}
      {usage && (
        <section aria-labelledby="usage-heading" className="flex flex-col gap-3">
          <h2 id="usage-heading" className="text-lg font-semibold">
            Usage
          </h2>
          <UsageCharts report={usage} period={periodWords} csvHref={csv('usage')} />
        </section>
      )}
      {!sla && !usage && <p className="text-sm text-muted-foreground">Your role has no report here.</p>}
    </div>
  );
}

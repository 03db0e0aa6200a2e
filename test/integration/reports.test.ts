import { describe, expect, it } from 'vitest';
import { unsafeRunAlertScan } from '@/lib/data/internal/ticket-jobs';
import { slaReport, usageReport } from '@/lib/data/reports';
import { ALICE, SAM, contextFor, owner, tenantId } from '../support/world';

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

describe('the SLA report', () => {
  it('equals a direct recount on the demo world: compliance, breaches, resolution time, uptime from outages', async () => {
    await unsafeRunAlertScan();
    const now = Date.now();
    const from = daysAgo(89);
    const report = await slaReport(await contextFor(...ALICE), { from_date: from, to_date: today() }, now);
    expect(report.tenants.map((t) => t.name).sort()).toEqual(['Contoso Broadband', 'Northwind Fiber']);
    const start = `${from}T00:00:00Z`;
    for (const row of report.byTenant) {
      const [c] = await owner()`
        select count(*) filter (where created_at >= ${start}::timestamptz)::int as tickets,
          count(*) filter (where created_at >= ${start}::timestamptz and sla_response_state = 'met')::int as fr_met,
          count(*) filter (where created_at >= ${start}::timestamptz and sla_response_state = 'breached')::int as fr_breached,
          count(*) filter (where created_at >= ${start}::timestamptz and sla_resolution_state = 'breached')::int as res_breached,
          count(*) filter (where sla_breached_at >= ${start}::timestamptz)::int as breaches,
          round((avg(extract(epoch from resolved_at - created_at) / 3600) filter (where resolved_at >= ${start}::timestamptz))::numeric, 1)::float as avg_res
        from tickets where tenant_id = ${row.tenant.id}`;
      expect(row.tickets, row.tenant.name).toBe(c!.tickets);
      expect(row.firstResponse.met).toBe(c!.fr_met);
      expect(row.firstResponse.breached).toBe(c!.fr_breached);
      expect(row.resolution.breached).toBe(c!.res_breached);
      expect(row.breachCount).toBe(c!.breaches);
      expect(row.avgResolutionHours).toBe(c!.avg_res);
      if (row.firstResponse.met + row.firstResponse.breached > 0) expect(row.firstResponse.compliance).toBeCloseTo((100 * c!.fr_met) / (c!.fr_met + c!.fr_breached), 2);
      // Uptime: the outages' union within the period, by PostgreSQL's own range arithmetic.
      const [u] = await owner()`
        select coalesce(extract(epoch from (select sum(upper(r) - lower(r)) from unnest(range_agg(tstzrange(greatest(outage_start, ${start}::timestamptz), least(coalesce(outage_end, ${new Date(now)}), ${new Date(now)})))) r)) / 60, 0) as down,
          count(*)::int as outages
        from tickets where tenant_id = ${row.tenant.id} and category = 'network_outage' and outage_start < ${new Date(now)} and coalesce(outage_end, ${new Date(now)}) > ${start}::timestamptz`;
      const window = (now - Date.parse(start)) / 60_000;
      expect(row.uptime.downtimeMinutes).toBe(Math.round(Number(u!.down)));
      expect(row.uptime.outageCount).toBe(u!.outages);
      expect(row.uptime.percentage).toBeCloseTo(100 * (1 - Number(u!.down) / window), 2);
      expect(row.uptime.target).toBe(99.9);
    }
    const northwind = report.byTenant.find((r) => r.tenant.name === 'Northwind Fiber')!;
    // The fiber cut (3 h, ended) and the Riverside outage (ongoing): MTTR from the ended one only.
    expect(northwind.uptime).toMatchObject({ outageCount: 2, mttrMinutes: 180, meetsSla: false });
    expect(northwind.uptime.worstDay!.percentage).toBeLessThan(100);
    // Under the target first.
    expect(report.byTenant[0]!.uptime.meetsSla).toBe(false);
    expect(report.summary.totalBreachCount).toBe(report.byTenant.reduce((n, r) => n + r.breachCount, 0));
  });

  it('refuses a period over 366 days, from after to, and a tenant the caller cannot read (403 naming it)', async () => {
    const alice = await contextFor(...ALICE);
    await expect(slaReport(alice, { from_date: '2024-01-01', to_date: '2025-06-01' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(slaReport(alice, { from_date: '2026-06-02', to_date: '2026-06-01' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(usageReport(alice, { group_by: 'year' as never })).rejects.toMatchObject({ name: 'ZodError' });
    const globex = await tenantId('globex');
    await expect(slaReport(alice, { tenant_ids: globex })).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED', details: { tenantIds: [globex] } });
    const [audits] = await owner()`select count(*)::int as n from audit_events where action like 'reports.%'`;
    expect(audits!.n).toBe(0);
  });

  it('covers the tenants whose live link grants reports; an ended link or a revoked one leaves them out', async () => {
    const sam = await contextFor(...SAM);
    expect((await slaReport(sam, {})).tenants.map((t) => t.name).sort()).toEqual(['Contoso Broadband', 'Northwind Fiber']);
    await owner()`update partner_tenant_links set status = 'revoked', revoked_at = now() where managed_tenant_id = (select id from tenants where slug = 'contoso') and status = 'active'`;
    expect((await slaReport(await contextFor(...SAM), {})).tenants.map((t) => t.name)).toEqual(['Northwind Fiber']);
    // A tenant's own staff see their own numbers only.
    const own = await slaReport(await contextFor('globex', 'admin@globex.example'), {});
    expect(own.tenants.map((t) => t.name)).toEqual(['Globex Networks']);
    await expect(slaReport(await contextFor('northwind', 'basic@northwind.example'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the usage report', () => {
  it('equals a direct recount: new users and revenue per currency over the period, the series summing to the totals', async () => {
    const from = daysAgo(89);
    const report = await usageReport(await contextFor(...ALICE), { from_date: from, to_date: today(), group_by: 'week' });
    for (const row of report.byTenant) {
      const [n] = await owner()`select count(*)::int as n from users where tenant_id = ${row.tenant.id} and type <> 'admin' and created_at >= ${`${from}T00:00:00Z`}::timestamptz`;
      expect(row.newUsers, row.tenant.name).toBe(n!.n);
    }
    expect(report.timeSeries.reduce((n, p) => n + p.newUsers, 0)).toBe(report.summary.newUsers);
    // Sessions, operations and active users (a session or an operation in the period), recounted.
    const start = `${from}T00:00:00Z`;
    const end = new Date(Date.parse(`${today()}T00:00:00Z`) + DAY).toISOString();
    for (const row of report.byTenant) {
      const [c] = await owner()`select (select count(*)::int from sessions where tenant_id = ${row.tenant.id} and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz) as sessions,
          (select count(*)::int from usage_operations where tenant_id = ${row.tenant.id} and at >= ${start}::timestamptz and at < ${end}::timestamptz) as operations,
          (select count(distinct user_id)::int from (select user_id from sessions where tenant_id = ${row.tenant.id} and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
             union all select user_id from usage_operations where tenant_id = ${row.tenant.id} and at >= ${start}::timestamptz and at < ${end}::timestamptz) a) as active`;
      expect({ sessions: row.sessions, operations: row.operations, active: row.activeUsers }, row.tenant.name).toEqual(c);
    }
    // The demo world's own history: each managed tenant with subscribers shows use from the start.
    const busy = report.byTenant.filter((r) => r.sessions > 50 && r.operations > 10 && r.activeUsers > 10).map((r) => r.tenant.name);
    expect(busy).toEqual(expect.arrayContaining(['Northwind Fiber', 'Contoso Broadband']));
    const ids = report.tenants.map((t) => t.id);
    const revenue = await owner()`select currency, sum(amount_minor)::bigint as s from payments where tenant_id = any(${ids}) and status = 'succeeded' and paid_on >= ${from}::date group by currency order by currency`;
    const mine = new Map<string, number>();
    for (const r of report.revenue) mine.set(r.currency, (mine.get(r.currency) ?? 0) + r.amountMinor);
    expect([...mine.entries()].sort()).toEqual(revenue.map((r) => [r.currency, Number(r.s)]));
    // Weekly buckets start on Mondays and cover the whole period.
    expect(report.timeSeries.every((p) => new Date(`${p.bucket}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(report.timeSeries.length).toBeGreaterThanOrEqual(13);
  });
});

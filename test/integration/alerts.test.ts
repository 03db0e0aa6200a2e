import { describe, expect, it } from 'vitest';
import { actOnAlert, actOnAlerts, getAlert, listAlerts, runAlertScan, unacknowledgedAlertCount } from '@/lib/data/alerts';
import { unsafeRunAlertScan } from '@/lib/data/internal/ticket-jobs';
import { inTenantScope } from '@/lib/data/tx';
import { defaultCalendar, defaultSlaPolicy } from '@/lib/config/sla';
import { slaFingerprint } from '@/lib/config/sla-fingerprint';
import { createTicket, getTicketOrThrow, updateTicket } from '@/lib/data/tickets';
import { ALICE, AUDREY, SAM, contextFor, owner, tenantId } from '../support/world';

const admin = (slug: string) => contextFor(slug, `admin@${slug}.example`);
const alertsOf = async (slug: string) =>
  owner()`select a.type, a.status, a.dedup_key, a.occurrences, a.link_id, a.ticket_id from alerts a join tenants t on t.id = a.tenant_id where t.slug = ${slug} order by a.dedup_key, a.first_seen_at`;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** A ticket of `slug` opened `minutes` ago (its history starts then too), due for the scan's next look as time passing would make it. */
async function backdate(slug: string, id: string, minutes: number) {
  await owner()`update tickets set created_at = ${minutesAgo(minutes)}, sla_check_at = now() where id = ${id}`;
  await owner()`update ticket_events set created_at = ${minutesAgo(minutes)} where ticket_id = ${id}`;
  void slug;
}

describe('the breach scan', () => {
  it('raises one alert per breached timer, and a repeat bumps its count instead of opening another', async () => {
    const ctx = await admin('globex');
    const t = await createTicket(ctx, { subject: 'Urgent and unanswered', description: 'x', priority: 'urgent' });
    await backdate('globex', t.id, 75);
    const first = await unsafeRunAlertScan();
    expect(first.raised).toBeGreaterThanOrEqual(1);
    const once = (await alertsOf('globex')).filter((a) => a.ticket_id === t.id);
    // Urgent: 1 h to first response (calendar), 4 h to resolution: only the first has breached.
    expect(once.map((a) => [a.type, a.status, a.dedup_key, a.occurrences])).toEqual([['sla_breach', 'active', `sla_breach:ticket:${t.id}:first_response`, 1]]);
    await unsafeRunAlertScan();
    await unsafeRunAlertScan();
    const again = (await alertsOf('globex')).filter((a) => a.ticket_id === t.id);
    expect(again.map((a) => a.occurrences)).toEqual([3]);
    const [events] = await owner()`select count(*)::int as n from alert_events where alert_id = (select id from alerts where ticket_id = ${t.id})`;
    expect(events!.n).toBe(1);
    // The stored timers say so too: breached, with the breach at the due time.
    const [stored] = await owner()`select sla_response_state, sla_resolution_state, sla_breached_at, sla_due_at from tickets where id = ${t.id}`;
    expect(stored).toMatchObject({ sla_response_state: 'breached', sla_resolution_state: 'running' });
    expect(Math.abs((stored!.sla_breached_at as Date).getTime() - (Date.now() - 15 * 60_000))).toBeLessThan(60_000);
  });

  it('after an alert is resolved, the same breach opens a new alert', async () => {
    const ctx = await admin('globex');
    const t = await createTicket(ctx, { subject: 'Keeps breaching', description: 'x', priority: 'urgent' });
    await backdate('globex', t.id, 90);
    await unsafeRunAlertScan();
    const [alert] = (await listAlerts(ctx, { status: 'active' })).items.filter((a) => a.ticket?.id === t.id);
    const resolved = await actOnAlert(ctx, { id: alert!.id, action: 'resolve', note: 'Called back.' });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'Tenant Admin' });
    await unsafeRunAlertScan();
    const rows = (await alertsOf('globex')).filter((a) => a.ticket_id === t.id);
    expect(rows.map((a) => [a.status, a.occurrences])).toEqual([
      ['resolved', 1],
      ['active', 1],
    ]);
    // Resolved is final: acknowledging it is a conflict, and changes nothing.
    await expect(actOnAlert(ctx, { id: alert!.id, action: 'acknowledge' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const detail = await getAlert(ctx, { id: alert!.id });
    expect(detail.events.map((e) => [e.action, e.actor, e.note])).toEqual([
      ['triggered', 'system', null],
      ['resolved', 'Tenant Admin', 'Called back.'],
    ]);
  });

  it('a scan killed half-way and run again opens each alert once', async () => {
    const globex = await tenantId('globex');
    const ctx = await admin('globex');
    const t = await createTicket(ctx, { subject: 'Half-way', description: 'x', priority: 'urgent' });
    await backdate('globex', t.id, 80);
    await expect(
      inTenantScope({ tenantId: globex }, async (tx) => {
        await runAlertScan(tx, { id: globex, name: 'Globex Networks' });
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect((await alertsOf('globex')).filter((a) => a.ticket_id === t.id)).toEqual([]);
    await unsafeRunAlertScan();
    await unsafeRunAlertScan();
    expect((await alertsOf('globex')).filter((a) => a.ticket_id === t.id).map((a) => a.occurrences)).toEqual([2]);
  });

  it('looks again only at tickets whose timers may have changed since; new link terms recompute them all', async () => {
    const globex = { id: await tenantId('globex'), name: 'Globex Networks' };
    const scan = (now: Date, tenant = globex) => inTenantScope({ tenantId: tenant.id }, (tx) => runAlertScan(tx, tenant, now));
    await scan(new Date());
    const t = await createTicket(await admin('globex'), { subject: 'Clock runs', description: 'x', priority: 'urgent' });
    // Urgent: at risk after 48 of its 60 minutes: that is when the scan next looks.
    const [stored] = await owner()`select sla_check_at from tickets where id = ${t.id}`;
    expect(Math.abs((stored!.sla_check_at as Date).getTime() - (Date.parse(t.createdAt) + 48 * 60_000))).toBeLessThan(1000);
    expect((await scan(new Date())).tickets).toBe(0);
    // An hour and a minute later (the scan told so): breached, and its alert raised.
    const later = await scan(new Date(Date.now() + 61 * 60_000));
    expect(later).toMatchObject({ tickets: 1, raised: 1 });
    const [after] = await owner()`select sla_response_state from tickets where id = ${t.id}`;
    expect(after!.sla_response_state).toBe('breached');

    // Contoso's link terms change: every unresolved ticket there is computed again, once.
    const contoso = { id: await tenantId('contoso'), name: 'Contoso Broadband' };
    await scan(new Date(), contoso);
    await owner()`update partner_tenant_links set sla_config = ${owner().json({ responseHours: { normal: 2 }, resolutionHours: {}, uptimeTarget: 99 })}
      where managed_tenant_id = ${contoso.id} and status = 'active'`;
    const [open] = await owner()`select count(*)::int as n from tickets where tenant_id = ${contoso.id} and status not in ('resolved', 'closed')`;
    expect((await scan(new Date(), contoso)).tickets).toBe(open!.n);
    expect((await scan(new Date(), contoso)).tickets).toBe(0);
  });

  it('writes nothing in a tenant with nothing to do: settled timers and the policy in force recorded (the isolation canaries rely on it)', async () => {
    const globex = { id: await tenantId('globex'), name: 'Globex Networks' };
    const [requester] = await owner()`select id from users where tenant_id = ${globex.id} limit 1`;
    await owner()`insert into tickets (tenant_id, number, subject, description, requester_id, status, first_response_at, resolved_at, closed_at, sla_response_state, sla_resolution_state)
      values (${globex.id}, 'TKT-1999-00001', 'Settled', 'x', ${requester!.id}, 'closed', now(), now(), now(), 'met', 'met')`;
    await owner()`insert into tenant_settings (tenant_id, sla_fingerprint) values (${globex.id}, ${slaFingerprint({ policy: defaultSlaPolicy, calendar: defaultCalendar })})
      on conflict (tenant_id) do update set sla_fingerprint = excluded.sla_fingerprint`;
    const state = async () =>
      (await owner()`select md5(string_agg(t::text, ',' order by t.id)) as tickets, (select md5(s::text) from tenant_settings s where s.tenant_id = ${globex.id}) as settings,
        (select count(*)::int from alerts where tenant_id = ${globex.id}) as alerts from tickets t where t.tenant_id = ${globex.id}`)[0];
    const before = await state();
    expect(await inTenantScope({ tenantId: globex.id }, (tx) => runAlertScan(tx, globex))).toEqual({ tickets: 0, raised: 0, repeated: 0 });
    expect(await state()).toEqual(before);
  });

  it("measures each live link's uptime target against the tenant's outages (overlaps once)", async () => {
    await unsafeRunAlertScan();
    // Northwind: a 3-hour fiber cut 20 days ago and the Riverside outage, ongoing for 3 hours,
    // against Acme's 99.9 % over 30 days (43,200 minutes allow 43.2 minutes down).
    const uptime = (await alertsOf('northwind')).filter((a) => a.type === 'uptime_breach');
    expect(uptime).toHaveLength(1);
    const [alert] = await owner()`select a.metadata, a.severity, l.partner_tenant_id = (select id from tenants where slug = 'acme-msp') as acme
      from alerts a join partner_tenant_links l on l.id = a.link_id where a.type = 'uptime_breach'`;
    expect(alert).toMatchObject({ severity: 'critical', acme: true, metadata: { target_uptime: 99.9, outage_count: 2 } });
    const down = (alert!.metadata as { downtime_minutes: number }).downtime_minutes;
    // The ongoing outage grows with the clock (the template was seeded when the run began): about
    // 360 minutes, recounted here from the outages themselves.
    const [counted] = await owner()`select sum(extract(epoch from coalesce(outage_end, now()) - greatest(outage_start, now() - interval '30 days')) / 60)::float8 as minutes
      from tickets where tenant_id = (select id from tenants where slug = 'northwind') and category = 'network_outage'
        and outage_start is not null and coalesce(outage_end, now()) > now() - interval '30 days'`;
    expect(down).toBeGreaterThanOrEqual(359);
    expect(Math.abs(down - Number(counted!.minutes))).toBeLessThanOrEqual(1.5);
    // An outage overlapping the ongoing one counts its minutes once.
    const northwind = await tenantId('northwind');
    await owner()`insert into tickets (tenant_id, number, subject, description, priority, category, status, requester_id, outage_start)
      select ${northwind}, 'TKT-1999-00001', 'Same outage, second report', 'x', 'urgent', 'network_outage', 'open', requester_id, outage_start
      from tickets where tenant_id = ${northwind} and category = 'network_outage' and outage_end is null`;
    await unsafeRunAlertScan();
    const [after] = await owner()`select occurrences, metadata from alerts where type = 'uptime_breach'`;
    expect(after!.occurrences).toBe(2);
    expect(Math.abs((after!.metadata as { downtime_minutes: number }).downtime_minutes - down)).toBeLessThanOrEqual(2);
  });

  it("raises a billing alert when a managed tenant's outstanding balance crosses the link's threshold, and none with the flag off", async () => {
    const northwind = await tenantId('northwind');
    await owner()`update partner_tenant_links set alert_config = ${owner().json({ notifyOnSlaBreach: true, notifyOnBillingThreshold: false, billingThresholdMinor: 100 })}
      where managed_tenant_id = ${northwind} and status = 'active'`;
    await unsafeRunAlertScan();
    expect((await alertsOf('northwind')).filter((a) => a.type === 'billing_threshold')).toEqual([]);
    await owner()`update partner_tenant_links set alert_config = ${owner().json({ notifyOnSlaBreach: true, notifyOnBillingThreshold: true, billingThresholdMinor: 100 })}
      where managed_tenant_id = ${northwind} and status = 'active'`;
    await unsafeRunAlertScan();
    const billing = (await alertsOf('northwind')).filter((a) => a.type === 'billing_threshold');
    const [outstanding] = await owner()`select count(distinct currency)::int as n from invoices where tenant_id = ${northwind} and status = 'open'`;
    expect(billing).toHaveLength(outstanding!.n);
    expect(billing.length).toBeGreaterThan(0);
    const [meta] = await owner()`select metadata from alerts where type = 'billing_threshold' limit 1`;
    const m = meta!.metadata as { outstanding_minor: number; currency: string };
    const [sum] = await owner()`select sum(total_minor - amount_paid_minor)::bigint as s from invoices where tenant_id = ${northwind} and status = 'open' and currency = ${m.currency}`;
    expect(m.outstanding_minor).toBe(Number(sum!.s));
  });
});

describe("a link's SLA terms", () => {
  it("override the tenant's targets for that partner's tenant, in calendar hours; tightest wins", async () => {
    // Contoso's policy is the default (normal: 8 business hours); Acme's link promises 8 hours.
    const alice = await contextFor(...ALICE, 'contoso');
    const t = await createTicket(alice, { subject: 'On behalf', description: 'x', priority: 'normal' });
    expect(t.sla.firstResponse).toMatchObject({ targetMinutes: 480, mode: 'calendar' });
    const urgent = await createTicket(alice, { subject: 'Urgent on behalf', description: 'x', priority: 'urgent' });
    expect(urgent.sla.firstResponse).toMatchObject({ targetMinutes: 60, mode: 'calendar' });
    expect(Date.parse(urgent.sla.firstResponse.dueAt!) - Date.parse(urgent.createdAt)).toBe(3_600_000);
    // Globex has no link: its own default, in business hours.
    const globex = await createTicket(await admin('globex'), { subject: 'Home', description: 'x', priority: 'normal' });
    expect(globex.sla.firstResponse).toMatchObject({ targetMinutes: 480, mode: 'business' });
    // The link ends: the tenant's own targets are back.
    await owner()`update partner_tenant_links set ends_at = now() - interval '1 second', starts_at = least(starts_at, now() - interval '1 day')
      where managed_tenant_id = (select id from tenants where slug = 'contoso') and status = 'active'`;
    const after = await getTicketOrThrow(await admin('contoso'), { id: t.id });
    expect(after.sla.firstResponse).toMatchObject({ targetMinutes: 480, mode: 'business' });
  });

  it('resolving a ticket late raises its breach at once (between two scans)', async () => {
    const ctx = await admin('globex');
    const t = await createTicket(ctx, { subject: 'Late', description: 'x', priority: 'urgent' });
    await backdate('globex', t.id, 300);
    await updateTicket(ctx, { id: t.id, status: 'resolved' });
    const rows = (await alertsOf('globex')).filter((a) => a.ticket_id === t.id);
    expect(rows.map((a) => a.dedup_key).sort()).toEqual([`sla_breach:ticket:${t.id}:first_response`, `sla_breach:ticket:${t.id}:resolution`]);
  });
});

describe('who sees and works alerts', () => {
  it('partner staff see managed tenants’ alerts their permissions and the link’s flags allow; the auditor acknowledges nothing', async () => {
    await unsafeRunAlertScan();
    const alice = await contextFor(...ALICE);
    const all = await listAlerts(alice, { limit: 100 });
    expect(new Set(all.items.map((a) => a.tenant.name))).toEqual(new Set(['Northwind Fiber', 'Contoso Broadband']));
    expect(all.counts.active).toBeGreaterThan(0);
    expect(await unacknowledgedAlertCount(alice)).toBe(all.counts.active);

    // Sam holds SLA alerts only: no billing alert reaches him.
    const northwind = await tenantId('northwind');
    await owner()`update partner_tenant_links set alert_config = ${owner().json({ notifyOnSlaBreach: true, notifyOnBillingThreshold: true, billingThresholdMinor: 1 })}
      where managed_tenant_id = ${northwind} and status = 'active'`;
    await unsafeRunAlertScan();
    const sam = await contextFor(...SAM);
    const samSees = await listAlerts(sam, { limit: 100 });
    expect(samSees.items.some((a) => a.type === 'billing_threshold')).toBe(false);
    expect((await listAlerts(alice, { limit: 100, type: 'billing_threshold' })).items.length).toBeGreaterThan(0);

    // The auditor reads them and works none.
    const audrey = await contextFor(...AUDREY);
    const seen = await listAlerts(audrey, { status: 'active', limit: 5 });
    expect(seen.items.length).toBeGreaterThan(0);
    const outcomes = await actOnAlerts(audrey, { ids: seen.items.map((a) => a.id), action: 'acknowledge' });
    expect(outcomes.every((o) => o.outcome === 'failed')).toBe(true);
    const [still] = await owner()`select count(*)::int as n from alerts where id = any(${seen.items.map((a) => a.id)}) and status = 'active'`;
    expect(still!.n).toBe(seen.items.length);

    // With the link's SLA notifications off, Alice no longer sees Northwind's SLA alerts.
    await owner()`update partner_tenant_links set alert_config = ${owner().json({ notifyOnSlaBreach: false, notifyOnBillingThreshold: false, billingThresholdMinor: null })}
      where managed_tenant_id = ${northwind} and status = 'active'`;
    const quiet = await listAlerts(alice, { limit: 100 });
    expect(quiet.items.some((a) => a.tenant.name === 'Northwind Fiber')).toBe(false);
    // Northwind's own staff still do.
    expect((await listAlerts(await admin('northwind'), { limit: 100 })).items.some((a) => a.type === 'sla_breach')).toBe(true);
  });

  it('acknowledges in bulk across tenants, with history and actor; the header count drops; a foreign id is not found', async () => {
    await unsafeRunAlertScan();
    const alice = await contextFor(...ALICE);
    const before = await unacknowledgedAlertCount(alice);
    const active = (await listAlerts(alice, { status: 'active', limit: 100 })).items;
    const pick = [active.find((a) => a.tenant.name === 'Northwind Fiber')!, active.find((a) => a.tenant.name === 'Contoso Broadband')!];
    const globexCtx = await admin('globex');
    const g = await createTicket(globexCtx, { subject: 'Foreign', description: 'x', priority: 'urgent' });
    await backdate('globex', g.id, 90);
    await unsafeRunAlertScan();
    const [foreign] = (await listAlerts(globexCtx, { status: 'active' })).items;
    const outcomes = await actOnAlerts(alice, { ids: [...pick.map((a) => a.id), foreign!.id], action: 'acknowledge', note: 'On it.' });
    expect(outcomes.map((o) => o.outcome)).toEqual(['succeeded', 'succeeded', 'failed']);
    expect(await unacknowledgedAlertCount(alice)).toBe(before - 2);
    const detail = await getAlert(alice, { id: pick[0]!.id });
    expect(detail).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Alice Archer via Acme Managed Services' });
    expect(detail.events.at(-1)).toMatchObject({ action: 'acknowledged', actor: 'Alice Archer via Acme Managed Services', note: 'On it.' });
    const [audit] = await owner()`select via, actor_label from audit_events where action = 'alert.acknowledged' and tenant_id = ${await tenantId('northwind')}`;
    expect(audit).toMatchObject({ via: 'link' });
    const [globexAlert] = await owner()`select status from alerts where id = ${foreign!.id}`;
    expect(globexAlert!.status).toBe('active');
    await expect(getAlert(alice, { id: foreign!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('names a tenant the caller cannot read in tenant_ids (403) and reads nothing', async () => {
    const alice = await contextFor(...ALICE);
    const globex = await tenantId('globex');
    await expect(listAlerts(alice, { tenant_ids: globex })).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED', details: { tenantIds: [globex] } });
  });
});

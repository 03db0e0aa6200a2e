import { describe, expect, it } from 'vitest';
import { setTenantFeature } from '@/lib/data/features';
import {
  addTicketComment,
  createMyTicket,
  createTicket,
  getMyTicket,
  getTicketOrThrow,
  listMyTickets,
  listTicketComments,
  listTickets,
  replyToMyTicket,
  ticketsListQuery,
  updateTicket,
  getTicketSettings,
  listTicketCategories,
  updateTicketSettings,
} from '@/lib/data/tickets';
import { unsafeRunTicketAutoClose } from '@/lib/data/internal/ticket-jobs';
import { planOf } from '../support/plans';
import { ALICE, contextFor, owner, tenantId } from '../support/world';
import { listTicketsSchema } from '@/lib/validation/tickets';

const admin = (slug: string) => contextFor(slug, `admin@${slug}.example`);
const year = new Date().getUTCFullYear();
const auditOf = async (slug: string) =>
  (await owner()`select e.action, e.via from audit_events e join tenants t on t.id = e.tenant_id
    where t.slug = ${slug} and (e.action like 'ticket%') order by e.seq`).map((r) => `${r.action}:${r.via}`);

describe('the Tickets workspace', () => {
  it('opens a numbered ticket at home in one transaction: one audit event, no read-back audit', async () => {
    const ctx = await admin('globex');
    const ticket = await createTicket(ctx, { subject: 'Router reboots', description: 'Every hour.', priority: 'high' });
    expect(ticket).toMatchObject({ number: `TKT-${year}-00001`, status: 'new', priority: 'high', requester: { id: ctx.user.id }, createdByPartner: null, assignee: null });
    const second = await createTicket(ctx, { subject: 'Second one', description: 'Again.' });
    expect(second.number).toBe(`TKT-${year}-00002`);
    expect(await auditOf('globex')).toEqual(['ticket.create:home', 'ticket.create:home']);
  });

  it('opens a ticket on behalf of a managed tenant through a link: requester is its admin, audited once as a link action', async () => {
    const alice = await contextFor(...ALICE, 'northwind');
    const ticket = await createTicket(alice, { subject: 'Opened by the MSP', description: 'Outage in the east.' });
    const [northwindAdmin] = await owner()`select u.id from users u join tenants t on t.id = u.tenant_id
      where t.slug = 'northwind' and u.email = 'admin@northwind.example'`;
    expect(ticket.requester.id).toBe(northwindAdmin!.id);
    // The ticket says who opened it: "Created by Acme Managed Services".
    expect(ticket.createdByPartner).toMatchObject({ name: 'Acme Managed Services' });
    // One write, one event: no extra tickets.read for the read-back inside the same transaction.
    expect(await auditOf('northwind')).toEqual(['ticket.create:link']);
  });

  it('moves a ticket through its status with before and after in the audit, and reads it back in the same transaction', async () => {
    const ctx = await admin('northwind');
    const [first] = (await listTickets(ctx, {})).items;
    const updated = await updateTicket(ctx, { id: first!.id, status: 'resolved' });
    expect(updated).toMatchObject({ id: first!.id, status: 'resolved' });
    const [event] = await owner()`select details from audit_events where action = 'ticket.update' and resource_id = ${first!.id}`;
    expect(event!.details).toMatchObject({ status: [first!.status, 'resolved'] });
  });

  it("answers not found for another tenant's ticket, reading or writing, and leaves it untouched", async () => {
    const [foreign] = await owner()`select t.id, t.status from tickets t join tenants n on n.id = t.tenant_id where n.slug = 'northwind' limit 1`;
    const globex = await admin('globex');
    await expect(getTicketOrThrow(globex, { id: foreign!.id as string })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateTicket(globex, { id: foreign!.id as string, status: 'closed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [after] = await owner()`select status from tickets where id = ${foreign!.id}`;
    expect(after!.status).toBe(foreign!.status);
  });

  it('checks the permission before the feature: without tickets.read it is forbidden, with it and the feature off it is not there', async () => {
    const ctx = await admin('northwind');
    await setTenantFeature(ctx, { key: 'tickets', enabled: false });
    const basic = await contextFor('northwind', 'basic@northwind.example');
    await expect(listTickets(basic, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listTickets(await admin('northwind'), {})).rejects.toMatchObject({ code: 'FEATURE_DISABLED' });
    await expect(createTicket(await admin('northwind'), { subject: 'Nope', description: 'Off.' })).rejects.toMatchObject({ code: 'FEATURE_DISABLED' });
  });

  it('leaves nothing behind when a creation fails halfway (the counter is not consumed)', async () => {
    const northwind = await tenantId('northwind');
    const counter = async () => (await owner()`select last from ticket_counters where tenant_id = ${northwind} and year = ${year}`)[0]?.last ?? 0;
    const before = await counter();
    // Through a link the requester is the tenant's admin; with none, creation fails after the counter moved.
    await owner()`delete from user_roles ur using roles r where r.tenant_id = ur.tenant_id and r.id = ur.role_id and r.key = 'admin' and ur.tenant_id = ${northwind}`;
    const alice = await contextFor(...ALICE, 'northwind');
    await expect(createTicket(alice, { subject: 'Half written', description: 'Must vanish.' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await counter()).toBe(before);
    expect(await owner()`select 1 from tickets where subject = 'Half written'`).toHaveLength(0);
    expect(await auditOf('northwind')).toEqual([]);
  });

  it('lists a large tenant through its (tenant_id, created_at, id) index: no sequential scan, no sort', async () => {
    const globex = await tenantId('globex');
    const [requester] = await owner()`select id from users where tenant_id = ${globex} limit 1`;
    await owner()`insert into tickets (tenant_id, number, subject, description, requester_id, created_at)
      select ${globex}, 'TKT-1999-' || lpad(g::text, 5, '0'), 'Bulk ' || g, 'bulk', ${requester!.id}, now() - g * interval '1 minute'
      from generate_series(1, 20000) g`;
    await owner()`analyze tickets`;
    const plan = await planOf(globex, (tx) => ticketsListQuery(tx, globex, listTicketsSchema.parse({ limit: 50 })));
    expect(plan).toMatch(/Index Scan using tickets_tenant_created_idx/);
    expect(plan).not.toMatch(/Seq Scan on tickets|Sort/);
  });
});

describe('the status flow, assignees and comments', () => {
  const ben = () => contextFor('northwind', 'basic@northwind.example');
  const status = async (id: string) => (await owner()`select status from tickets where id = ${id}`)[0]!.status as string;

  it('goes new -> open on assignment, along the flow only; a closed ticket changes no more', async () => {
    const staff = await admin('northwind');
    const t = await createTicket(staff, { subject: 'Slow line', description: 'Since Monday.' });
    expect(t.status).toBe('new');
    const assigned = await updateTicket(staff, { id: t.id, assigneeId: staff.user.id });
    expect(assigned).toMatchObject({ status: 'open', assignee: { id: staff.user.id, name: staff.user.name } });
    // Moves the flow does not list are 409 and change nothing.
    await expect(updateTicket(staff, { id: t.id, status: 'new' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateTicket(staff, { id: t.id, status: 'closed' })).rejects.toMatchObject({ code: 'CONFLICT', message: 'An open ticket cannot become closed.' });
    expect(await status(t.id)).toBe('open');
    const resolved = await updateTicket(staff, { id: t.id, status: 'resolved' });
    expect(resolved.resolvedAt).not.toBeNull();
    const closed = await updateTicket(staff, { id: t.id, status: 'closed' });
    expect(closed.closedAt).not.toBeNull();
    await expect(updateTicket(staff, { id: t.id, status: 'open' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(addTicketComment(staff, { id: t.id, body: 'Late note', internal: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateTicket(staff, { id: t.id })).rejects.toThrow('Nothing to change');
  });

  it('assigns staff of the tenant or the caller: not an end user, not another tenant\'s user; partner staff assign themselves, named with their partner', async () => {
    const staff = await admin('northwind');
    const t = await createTicket(staff, { subject: 'Assign me', description: 'Who takes it?' });
    const [enduser] = await owner()`select id from users where email = 'basic@northwind.example'`;
    const [foreign] = await owner()`select u.id from users u join tenants n on n.id = u.tenant_id where n.slug = 'globex' and u.type = 'admin' limit 1`;
    for (const id of [enduser!.id as string, foreign!.id as string]) {
      await expect(updateTicket(staff, { id: t.id, assigneeId: id })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { fieldErrors: { assigneeId: ['Not a staff member of Northwind Fiber.'] } } });
    }
    const alice = await contextFor(...ALICE, 'northwind');
    const mine = await updateTicket(alice, { id: t.id, assigneeId: alice.user.id });
    expect(mine.assignee).toEqual({ id: alice.user.id, name: `${alice.user.name} via Acme Managed Services`, tenantId: alice.homeTenant.id });
  });

  it('keeps internal notes from the requester: not in their ticket, not in their list, not in their mail', async () => {
    const requester = await ben();
    const opened = await createMyTicket(requester, { subject: 'No internet', description: 'The light is red.' });
    expect(opened).toMatchObject({ status: 'open', comments: [] });
    const staff = await admin('northwind');
    const secret = `Customer owes us money ${Date.now()}`;
    await addTicketComment(staff, { id: opened.id, body: secret, internal: true });
    await addTicketComment(staff, { id: opened.id, body: 'We are sending a technician.', internal: false });
    // Staff see both, in order.
    expect((await listTicketComments(staff, { id: opened.id })).map((c) => [c.internal, c.body])).toEqual([
      [true, secret],
      [false, 'We are sending a technician.'],
    ]);
    // The requester sees the public reply only, wherever they look.
    const seen = await getMyTicket(requester, { id: opened.id });
    expect(seen.comments.map((c) => c.body)).toEqual(['We are sending a technician.']);
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(JSON.stringify(await listMyTickets(requester))).not.toContain(secret);
    const mails = await owner()`select body from mail_outbox where to_address = 'basic@northwind.example' and subject like ${`%${'a reply on'}%`}`;
    expect(mails.map((m) => m.body as string).some((b) => b.includes('We are sending a technician.'))).toBe(true);
    expect(mails.some((m) => (m.body as string).includes(secret))).toBe(false);
    // The first public reply is the first response, and it opened the new ticket.
    const t = await getTicketOrThrow(staff, { id: opened.id });
    expect(t.firstResponseAt).not.toBeNull();
    expect(t.status).toBe('open');
    // Someone else's ticket is not found for the requester.
    const other = await createTicket(staff, { subject: 'Staff only', description: 'Internal matter.' });
    await expect(getMyTicket(requester, { id: other.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(replyToMyTicket(requester, { id: other.id, body: 'Me too' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a requester reply reopens a pending ticket; on a closed one it opens a linked follow-up and leaves the closed one as it was', async () => {
    const requester = await ben();
    const staff = await admin('northwind');
    const opened = await createMyTicket(requester, { subject: 'Flaky Wi-Fi', description: 'Drops at night.' });
    await updateTicket(staff, { id: opened.id, status: 'pending' });
    expect((await getMyTicket(requester, { id: opened.id })).status).toBe('pending');
    const reopened = await replyToMyTicket(requester, { id: opened.id, body: 'Still dropping.' });
    expect(reopened.status).toBe('open');
    expect(await status(opened.id)).toBe('open');
    await updateTicket(staff, { id: opened.id, status: 'on_hold' });
    // On hold is a staff distinction: the requester reads it as open.
    expect((await getMyTicket(requester, { id: opened.id })).status).toBe('open');
    await updateTicket(staff, { id: opened.id, status: 'resolved' });
    await updateTicket(staff, { id: opened.id, status: 'closed' });
    const followUp = await replyToMyTicket(requester, { id: opened.id, body: 'It is back.' });
    expect(followUp).toMatchObject({ followUpOf: opened.id, status: 'open', description: 'It is back.' });
    expect(followUp.id).not.toBe(opened.id);
    expect(await status(opened.id)).toBe('closed');
    expect((await getMyTicket(requester, { id: opened.id })).comments.map((c) => c.body)).toEqual(['Still dropping.']);
  });

  it('closes resolved tickets after the tenant\'s time, once however often it runs', async () => {
    const staff = await admin('northwind');
    const old = await createTicket(staff, { subject: 'Old resolved', description: 'Done.' });
    const fresh = await createTicket(staff, { subject: 'Fresh resolved', description: 'Done.' });
    for (const t of [old, fresh]) await updateTicket(staff, { id: t.id, status: 'resolved' });
    await owner()`update tickets set resolved_at = now() - interval '97 hours' where id = ${old.id}`;
    const first = await unsafeRunTicketAutoClose();
    expect(first.closed).toBeGreaterThanOrEqual(1);
    expect([await status(old.id), await status(fresh.id)]).toEqual(['closed', 'resolved']);
    expect((await unsafeRunTicketAutoClose()).closed).toBe(0);
    // A tenant that closes after two hours.
    await owner()`update tenant_settings set ticket_auto_close_hours = 2 where tenant_id = ${await tenantId('northwind')}`;
    await owner()`update tickets set resolved_at = now() - interval '3 hours' where id = ${fresh.id}`;
    await unsafeRunTicketAutoClose();
    expect(await status(fresh.id)).toBe('closed');
  });

  it('a network outage carries its start and end; other tickets have none', async () => {
    const staff = await admin('northwind');
    const outage = await createTicket(staff, { subject: 'Fiber cut in the east', description: 'Backhoe.', category: 'network_outage', priority: 'urgent', outageStart: '2026-12-01T08:00:00Z' });
    expect(outage.outage).toEqual({ start: '2026-12-01T08:00:00.000Z', end: null });
    await expect(updateTicket(staff, { id: outage.id, outageEnd: '2026-12-01T07:00:00Z' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const ended = await updateTicket(staff, { id: outage.id, outageEnd: '2026-12-01T10:30:00Z' });
    expect(ended.outage).toEqual({ start: '2026-12-01T08:00:00.000Z', end: '2026-12-01T10:30:00.000Z' });
    const plain = await createTicket(staff, { subject: 'Billing question', description: 'Why?' });
    expect(plain.outage).toBeNull();
    await expect(updateTicket(staff, { id: plain.id, outageEnd: '2026-12-01T10:30:00Z' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

describe('SLA timers', () => {
  const staff = () => admin('northwind');
  const backdate = (id: string, minutes: number) => owner()`update tickets set created_at = now() - make_interval(mins => ${minutes}) where id = ${id}`;

  it('an urgent ticket: 1 calendar hour to respond (amber after 48 minutes), met by the first public reply; 4 hours to resolve', async () => {
    const t = await createTicket(await staff(), { subject: 'Everything is down', description: 'Nothing works.', priority: 'urgent' });
    expect(t.sla.firstResponse).toMatchObject({ state: 'running', targetMinutes: 60, mode: 'calendar' });
    expect(Date.parse(t.sla.firstResponse.dueAt!) - Date.parse(t.createdAt)).toBe(60 * 60_000);
    expect(t.sla.resolution).toMatchObject({ state: 'running', targetMinutes: 240 });
    await backdate(t.id, 50);
    expect((await getTicketOrThrow(await staff(), { id: t.id })).sla.firstResponse.state).toBe('at_risk');
    // An internal note is no response; a public reply is.
    await addTicketComment(await staff(), { id: t.id, body: 'Checking the core switch.', internal: true });
    expect((await getTicketOrThrow(await staff(), { id: t.id })).sla.firstResponse.state).toBe('at_risk');
    await addTicketComment(await staff(), { id: t.id, body: 'We are on it.', internal: false });
    expect((await getTicketOrThrow(await staff(), { id: t.id })).sla.firstResponse.state).toBe('met');
    await backdate(t.id, 5 * 60);
    const late = await getTicketOrThrow(await staff(), { id: t.id });
    expect(late.sla.resolution.state).toBe('breached');
    // The list shows the same timers.
    const listed = (await listTickets(await staff(), { search: 'Everything is down' })).items[0]!;
    expect(listed.sla).toEqual(late.sla);
  });

  it('pending and on hold stop the clock; the time waiting is added to the due time', async () => {
    const t = await createTicket(await staff(), { subject: 'Waiting on the customer', description: 'Need their router model.', priority: 'urgent' });
    await updateTicket(await staff(), { id: t.id, status: 'pending' });
    const paused = await getTicketOrThrow(await staff(), { id: t.id });
    expect(paused.sla.firstResponse).toMatchObject({ state: 'paused', dueAt: null });
    // Opened 20 minutes ago, pending for the last 10: when the requester answers, the due time
    // is an hour after opening plus the 10 minutes it waited.
    await owner()`update tickets set created_at = created_at - interval '20 minutes' where id = ${t.id}`;
    await owner()`update ticket_events set created_at = created_at - interval '20 minutes' where ticket_id = ${t.id} and to_status = 'new'`;
    await owner()`update ticket_events set created_at = created_at - interval '10 minutes' where ticket_id = ${t.id} and to_status = 'pending'`;
    await replyToMyTicket(await contextFor('northwind', 'admin@northwind.example'), { id: t.id, body: 'It is a Fritzbox.' });
    const resumed = await getTicketOrThrow(await staff(), { id: t.id });
    expect(resumed.status).toBe('open');
    expect(resumed.sla.firstResponse.state).toBe('running');
    const shift = Date.parse(resumed.sla.firstResponse.dueAt!) - (Date.parse(resumed.createdAt) + 60 * 60_000);
    expect(Math.abs(shift - 10 * 60_000)).toBeLessThan(5_000);
    const history = await owner()`select from_status, to_status from ticket_events where ticket_id = ${t.id} order by created_at`;
    expect(history.map((h) => `${h.from_status ?? '-'}>${h.to_status}`)).toEqual(['->new', 'new>pending', 'pending>open']);
  });

  it("counts in the tenant's own targets and business hours; a stored policy it cannot read falls back to the defaults", async () => {
    // Globex: no partner link, so no link's terms override its own.
    const globex = await tenantId('globex');
    const policy = {
      urgent: { firstResponse: { minutes: 30, mode: 'calendar' }, resolution: { minutes: 120, mode: 'calendar' } },
      high: { firstResponse: { minutes: 120, mode: 'business' }, resolution: { minutes: 480, mode: 'business' } },
      normal: { firstResponse: { minutes: 240, mode: 'business' }, resolution: { minutes: 960, mode: 'business' } },
      low: { firstResponse: { minutes: 480, mode: 'business' }, resolution: { minutes: 1920, mode: 'business' } },
    };
    // Open around the clock in Berlin: business hours are then calendar hours.
    const allDay = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['00:00', '24:00']]]));
    await owner()`update tenant_settings set sla_policy = ${owner().json(policy)}, business_calendar = ${owner().json({ timeZone: 'Europe/Berlin', hours: allDay, holidays: [] })} where tenant_id = ${globex}`;
    const t = await createTicket(await admin('globex'), { subject: 'Own targets', description: 'x', priority: 'normal' });
    expect(t.sla.firstResponse).toMatchObject({ targetMinutes: 240, mode: 'business' });
    expect(Date.parse(t.sla.firstResponse.dueAt!) - Date.parse(t.createdAt)).toBe(240 * 60_000);
    await owner()`update tenant_settings set sla_policy = ${owner().json({ urgent: 'soon' })}, business_calendar = ${owner().json({ timeZone: 'Mars/Olympus' })} where tenant_id = ${globex}`;
    expect((await getTicketOrThrow(await admin('globex'), { id: t.id })).sla.firstResponse.targetMinutes).toBe(480);
  });
});

describe('ticket settings', () => {
  it('keeps a tenant-defined list of categories, network_outage always among them; another category is refused and nothing opens', async () => {
    const ctx = await admin('globex');
    const settings = await getTicketSettings(ctx);
    expect(settings.categories).toEqual(['connectivity', 'speed', 'billing', 'hardware', 'account']);
    await updateTicketSettings(ctx, { ...settings, categories: ['fiber', 'network_outage', 'tv'] } as never);
    expect((await getTicketSettings(await admin('globex'))).categories).toEqual(['fiber', 'tv']);
    expect(await listTicketCategories(await admin('globex'))).toEqual(['fiber', 'tv', 'network_outage']);
    const before = await owner()`select count(*)::int as n from tickets where tenant_id = ${await tenantId('globex')}`;
    await expect(createTicket(await admin('globex'), { subject: 'Old category', description: 'x', category: 'billing' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { fieldErrors: { category: [expect.stringContaining('fiber, tv, network_outage')] } },
    });
    await expect(createMyTicket(await contextFor('globex', 'pat@example.com'), { subject: 'Mine', description: 'x', category: 'billing' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const after = await owner()`select count(*)::int as n from tickets where tenant_id = ${await tenantId('globex')}`;
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await createTicket(await admin('globex'), { subject: 'Fiber cut', description: 'x', category: 'network_outage' })).outage).not.toBeNull();
    expect((await createTicket(await admin('globex'), { subject: 'TV box', description: 'x', category: 'tv' })).category).toBe('tv');
  });

  it('shows the defaults, saves targets and business hours (audited), refuses a bad calendar changing nothing', async () => {
    const ctx = await admin('globex');
    const defaults = await getTicketSettings(ctx);
    expect(defaults.autoCloseHours).toBe(96);
    expect(defaults.slaPolicy.urgent.firstResponse).toEqual({ minutes: 60, mode: 'calendar' });
    expect(defaults.businessCalendar.timeZone).toBe('UTC');
    const next = {
      ...defaults,
      autoCloseHours: 48,
      slaPolicy: { ...defaults.slaPolicy, urgent: { firstResponse: { minutes: 15, mode: 'calendar' as const }, resolution: { minutes: 120, mode: 'calendar' as const } } },
      businessCalendar: { timeZone: 'Europe/Berlin', hours: { mon: [['08:00', '12:00'], ['13:00', '18:00']] as [string, string][] }, holidays: ['2026-12-24'] },
    };
    expect(await updateTicketSettings(ctx, next)).toEqual(next);
    expect(await getTicketSettings(await admin('globex'))).toEqual(next);
    const urgent = await createTicket(await admin('globex'), { subject: 'Faster now', description: 'x', priority: 'urgent' });
    expect(urgent.sla.firstResponse.targetMinutes).toBe(15);
    const [audit] = await owner()`select details from audit_events where action = 'settings.tickets_updated' order by seq desc limit 1`;
    expect((audit!.details as { after: { autoCloseHours: number } }).after.autoCloseHours).toBe(48);
    for (const bad of [
      { ...next, businessCalendar: { ...next.businessCalendar, timeZone: 'Mars/Olympus' } },
      { ...next, businessCalendar: { ...next.businessCalendar, hours: { mon: [['18:00', '08:00']] } } },
      { ...next, autoCloseHours: 1000 },
      { ...next, slaPolicy: { ...next.slaPolicy, low: { firstResponse: { minutes: 0, mode: 'business' }, resolution: { minutes: 60, mode: 'business' } } } },
    ]) {
      // Refused by the schema (the API and the form answer it as 422 VALIDATION_ERROR).
      await expect(updateTicketSettings(await admin('globex'), bad as never)).rejects.toMatchObject({ name: 'ZodError' });
    }
    expect(await getTicketSettings(await admin('globex'))).toEqual(next);
    await expect(updateTicketSettings(await contextFor('northwind', 'basic@northwind.example'), next)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

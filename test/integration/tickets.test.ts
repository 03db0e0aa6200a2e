import { describe, expect, it } from 'vitest';
import { setTenantFeature } from '@/lib/data/features';
import { createTicket, getTicketOrThrow, listTickets, ticketsListQuery, updateTicketStatus } from '@/lib/data/tickets';
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
    expect(ticket).toMatchObject({ number: `TKT-${year}-00001`, status: 'open', priority: 'high', requester: { id: ctx.user.id } });
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
    // One write, one event: no extra tickets.read for the read-back inside the same transaction.
    expect(await auditOf('northwind')).toEqual(['ticket.create:link']);
  });

  it('moves a ticket through its status with before and after in the audit, and reads it back in the same transaction', async () => {
    const ctx = await admin('northwind');
    const [first] = (await listTickets(ctx, {})).items;
    const updated = await updateTicketStatus(ctx, { id: first!.id, status: 'resolved' });
    expect(updated).toMatchObject({ id: first!.id, status: 'resolved' });
    const [event] = await owner()`select details from audit_events where action = 'ticket.status' and resource_id = ${first!.id}`;
    expect(event!.details).toEqual({ before: first!.status, after: 'resolved' });
  });

  it("answers not found for another tenant's ticket, reading or writing, and leaves it untouched", async () => {
    const [foreign] = await owner()`select t.id, t.status from tickets t join tenants n on n.id = t.tenant_id where n.slug = 'northwind' limit 1`;
    const globex = await admin('globex');
    await expect(getTicketOrThrow(globex, { id: foreign!.id as string })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateTicketStatus(globex, { id: foreign!.id as string, status: 'closed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
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

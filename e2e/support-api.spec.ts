import { expect, test } from '@playwright/test';
import { apiAs } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';

// The partner support and alert API as an integrator calls it (the seed's contracts 7, 8, 9, 12,
// 13): shapes, the 201 with the SLA due time, one transaction per PATCH, and bad input answered
// in the error shape with nothing changed.
const owner = e2eOwner();
test.afterAll(() => owner.end());

const idOf = async (slug: string) => (await owner`select id from tenants where slug = ${slug}`)[0]!.id as string;

test('lists tickets across managed tenants with a tenant on each row and counts for the whole filter', async ({ browser }) => {
  const api = await apiAs(browser, 'acme-msp', 'alice@acme-msp.example');
  const res = await api.get('/api/v1/partner/support/tickets?limit=5&status=new,open,pending,on_hold');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.items).toHaveLength(5);
  expect(body.items[0]).toEqual(
    expect.objectContaining({ ticket_id: expect.any(String), ticket_number: expect.stringMatching(/^TKT-\d{4}-\d{5}$/), tenant_name: expect.stringMatching(/^(Northwind Fiber|Contoso Broadband)$/), is_sla_breached: expect.any(Boolean) }),
  );
  const [count] = await owner`select count(*)::int as n from tickets t join tenants n on n.id = t.tenant_id where n.slug in ('northwind', 'contoso') and t.status in ('new', 'open', 'pending', 'on_hold')`;
  expect(body.total).toBe(count!.n);
  expect(body.aggregates.open_count + body.aggregates.pending_count).toBe(count!.n);
  expect(body.has_more).toBe(true);
  const next = await (await api.get(`/api/v1/partner/support/tickets?limit=5&status=new,open,pending,on_hold&cursor=${encodeURIComponent(body.next_cursor)}`)).json();
  expect(next.items.map((t: { ticket_id: string }) => t.ticket_id)).not.toContain(body.items[0].ticket_id);

  // A tenant the caller cannot read is named in a 403; bad filters are 422; nothing leaks.
  const globex = await idOf('globex');
  const denied = await api.get(`/api/v1/partner/support/tickets?tenant_ids=${globex}`);
  expect(denied.status()).toBe(403);
  expect((await denied.json()).error).toMatchObject({ code: 'TENANT_ACCESS_DENIED', details: { tenantIds: [globex] } });
  for (const q of ['status=sleeping', 'sla=late', 'created_from=2026-12-01&created_to=2026-11-01', 'limit=1000']) {
    const bad = await api.get(`/api/v1/partner/support/tickets?${q}`);
    expect(bad.status(), q).toBe(422);
    expect((await bad.json()).error.code).toBe('VALIDATION_ERROR');
  }
});

test('opens an urgent ticket on behalf of a managed tenant: 201, created by the partner, due in one hour', async ({ browser }) => {
  const api = await apiAs(browser, 'acme-msp', 'alice@acme-msp.example');
  const northwind = await idOf('northwind');
  const subject = `API outage ${Date.now()}`;
  // Without X-Active-Tenant-Id the call acts at home: Alice opens no tickets there (403); Acme's
  // admin, who could, is asked to name the managed tenant (422).
  const without = await api.post('/api/v1/partner/support/tickets', { data: { subject, description: 'x', priority: 'urgent' } });
  expect(without.status()).toBe(403);
  const admin = await apiAs(browser, 'acme-msp', 'admin@acme-msp.example');
  const unnamed = await admin.post('/api/v1/partner/support/tickets', { data: { subject, description: 'x', priority: 'urgent' } });
  expect(unnamed.status()).toBe(422);
  expect((await unnamed.json()).error.details.fieldErrors).toHaveProperty(['header.X-Active-Tenant-Id']);
  const res = await api.post('/api/v1/partner/support/tickets', { headers: { 'X-Active-Tenant-Id': northwind }, data: { subject, description: 'Fiber cut.', priority: 'urgent', category: 'network_outage' } });
  expect(res.status()).toBe(201);
  const created = await res.json();
  expect(created).toMatchObject({ tenant_id: northwind, status: 'new', priority: 'urgent', created_by_partner: true, created_by_partner_name: 'Acme Managed Services' });
  expect(Date.parse(created.sla_breach_at) - Date.parse(created.created_at)).toBe(3_600_000);
  const [stored] = await owner`select subject from tickets where id = ${created.ticket_id}`;
  expect(stored!.subject).toBe(subject);

  // A requester from another tenant is refused, and nothing is opened.
  const [foreignUser] = await owner`select u.id from users u join tenants t on t.id = u.tenant_id where t.slug = 'globex' limit 1`;
  const bad = await api.post('/api/v1/partner/support/tickets', { headers: { 'X-Active-Tenant-Id': northwind }, data: { subject: `${subject} again`, description: 'x', customer_id: foreignUser!.id } });
  expect(bad.status()).toBe(422);
  expect(await owner`select 1 from tickets where subject = ${`${subject} again`}`).toHaveLength(0);
});

test('changes a ticket and comments in one transaction; a comment on a closed ticket or a bad move changes nothing', async ({ browser }) => {
  const api = await apiAs(browser, 'acme-msp', 'alice@acme-msp.example');
  const [open] = await owner`select t.id from tickets t join tenants n on n.id = t.tenant_id where n.slug = 'northwind' and t.status = 'open' and t.category <> 'network_outage' order by t.created_at limit 1`;
  const res = await api.patch(`/api/v1/partner/support/tickets/${open!.id}`, { data: { status: 'pending', priority: 'high', comment: { content: 'Waiting for the customer to reboot.', is_internal: false, notify_customer: false } } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ ticket_id: open!.id, status: 'pending', priority: 'high', comment_id: expect.any(String) });

  const [closed] = await owner`select t.id, t.priority, (select count(*)::int from ticket_comments c where c.ticket_id = t.id) as comments
    from tickets t join tenants n on n.id = t.tenant_id where n.slug = 'northwind' and t.status = 'closed' limit 1`;
  const refused = await api.patch(`/api/v1/partner/support/tickets/${closed!.id}`, { data: { priority: 'urgent', comment: { content: 'Too late.' } } });
  expect(refused.status()).toBe(409);
  const [after] = await owner`select priority, (select count(*)::int from ticket_comments c where c.ticket_id = ${closed!.id}) as comments from tickets where id = ${closed!.id}`;
  expect(after).toEqual({ priority: closed!.priority, comments: closed!.comments });

  // new -> closed is not a move the flow allows; a foreign ticket is 404.
  const [fresh] = await owner`select t.id from tickets t join tenants n on n.id = t.tenant_id where n.slug = 'contoso' and t.status = 'new' limit 1`;
  expect((await api.patch(`/api/v1/partner/support/tickets/${fresh!.id}`, { data: { status: 'closed' } })).status()).toBe(409);
  const [foreign] = await owner`select t.id from tickets t join tenants n on n.id = t.tenant_id where n.slug = 'globex' limit 1`;
  if (foreign) expect((await api.patch(`/api/v1/partner/support/tickets/${foreign.id}`, { data: { priority: 'low' } })).status()).toBe(404);
  expect((await api.patch(`/api/v1/partner/support/tickets/${fresh!.id}`, { data: {} })).status()).toBe(422);
});

test('alerts: the SLA and billing lists as the seed shapes them, acknowledge and resolve with 409 on a resolved one', async ({ browser }) => {
  const api = await apiAs(browser, 'acme-msp', 'alice@acme-msp.example');
  const sla = await (await api.get('/api/v1/partner/alerts/sla?limit=100')).json();
  expect(sla.items.length).toBeGreaterThan(0);
  expect(sla.items.every((a: { alert_type: string }) => a.alert_type === 'sla_breach' || a.alert_type === 'uptime_breach')).toBe(true);
  expect(sla.total).toBe(sla.active_count + sla.acknowledged_count + sla.resolved_count);
  const uptime = sla.items.find((a: { alert_type: string }) => a.alert_type === 'uptime_breach');
  expect(uptime.metadata).toMatchObject({ target_uptime: 99.9, actual_uptime: expect.any(Number), downtime_minutes: expect.any(Number), breach_date: expect.any(String) });

  const northwind = await idOf('northwind');
  const active = sla.items.find((a: { status: string; tenant_id: string }) => a.status === 'active' && a.tenant_id === northwind);
  const headers = { 'X-Active-Tenant-Id': northwind };
  const ack = await api.post(`/api/v1/alerts/${active.alert_id}/acknowledge`, { headers });
  expect(ack.status()).toBe(200);
  expect(await ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Alice Archer via Acme Managed Services' });
  const resolved = await api.post(`/api/v1/alerts/${active.alert_id}/resolve`, { headers, data: { note: 'Fixed the line.' } });
  expect(resolved.status()).toBe(200);
  const again = await api.post(`/api/v1/alerts/${active.alert_id}/acknowledge`, { headers });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe('CONFLICT');
  const history = await (await api.get(`/api/v1/alerts/${active.alert_id}`, { headers })).json();
  expect(history.events.map((e: { action: string }) => e.action).slice(-2)).toEqual(['acknowledged', 'resolved']);

  // Sam holds SLA alerts only: the billing list is not his.
  const sam = await apiAs(browser, 'acme-msp', 'sam@acme-msp.example');
  expect((await sam.get('/api/v1/partner/alerts/billing')).status()).toBe(403);
  expect((await sam.get('/api/v1/partner/alerts/sla?limit=1')).status()).toBe(200);
});

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { startReceiver } from '../support/webhook-receiver';
import { contextFor, owner, tenantId } from '../support/world';

// Deliveries go to a real receiver on this machine: the development setting that lets a webhook
// be http://localhost is on here (and in the e2e server), off by default.
process.env.WEBHOOKS_ALLOW_HTTP_LOCALHOST = '1';
const receiver = await startReceiver();
const { createWebhook, listDeliveries, replayFailed, resendDelivery, rotateWebhookSecret, sendTestEvent } = await import('@/lib/data/webhooks');
const { unsafeDeliverWebhooks, unsafeReplayWebhooks } = await import('@/lib/data/internal/webhook-deliver');
const { emitEvent } = await import('@/lib/data/internal/webhook-events');
const { inTenantScope } = await import('@/lib/data/tx');
const { createTicket } = await import('@/lib/data/tickets');
const { nextAttemptDelaySeconds, WEBHOOK_SCHEDULE_SECONDS } = await import('@/lib/config/webhooks');
const { checkUrl, checkResolves, safePost } = await import('@/lib/webhooks/ssrf');

afterAll(() => receiver.close());
beforeEach(() => {
  receiver.received.length = 0;
});

const ACME_ADMIN = ['acme-msp', 'admin@acme-msp.example'] as const;
const NORTHWIND_ADMIN = ['northwind', 'admin@northwind.example'] as const;
const deliveriesOf = async (endpointId: string) => owner()`select * from webhook_deliveries where endpoint_id = ${endpointId} order by created_at`;

describe('webhooks', () => {
  it('signs each delivery per Standard Webhooks: the verifier accepts it and refuses a changed body or timestamp', async () => {
    const admin = await contextFor(...NORTHWIND_ADMIN);
    const { endpoint, secret } = await createWebhook(admin, { url: `${receiver.base}/ok`, eventTypes: ['ticket.created'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const ticket = await createTicket(admin, { subject: 'Router keeps rebooting', description: 'Since Monday.', priority: 'high', requesterId: admin.user.id });
    expect(await unsafeDeliverWebhooks()).toMatchObject({ delivered: 1 });
    const [got] = receiver.received;
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({ type: 'ticket.created', data: { tenant_id: admin.activeTenant.id, ticket_id: ticket.id, ticket_number: ticket.number, priority: 'high', created_by_partner: false } });
    expect(body.data).not.toHaveProperty('description');
    const headers = { 'webhook-id': got!.headers['webhook-id'] as string, 'webhook-timestamp': got!.headers['webhook-timestamp'] as string, 'webhook-signature': got!.headers['webhook-signature'] as string };
    expect(headers['webhook-id']).toMatch(/^msg_[0-9A-Z]{26}$/);
    expect(new Webhook(secret).verify(got!.body, headers)).toEqual(body);
    expect(() => new Webhook(secret).verify(got!.body.replace('high', 'low'), headers)).toThrow();
    expect(() => new Webhook(secret).verify(got!.body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) })).toThrow();
    const [stored] = await deliveriesOf(endpoint.id);
    expect(stored).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200, event_id: headers['webhook-id'] });

    // After a rotation both secrets sign for a day: receivers still on the old one verify.
    const { secret: fresh } = await rotateWebhookSecret(admin, { id: endpoint.id });
    const test = await sendTestEvent(admin, { id: endpoint.id });
    expect(test.delivered).toBe(true);
    expect(test.request.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    const last = receiver.received.at(-1)!;
    const h = { 'webhook-id': last.headers['webhook-id'] as string, 'webhook-timestamp': last.headers['webhook-timestamp'] as string, 'webhook-signature': last.headers['webhook-signature'] as string };
    expect(new Webhook(fresh).verify(last.body, h)).toMatchObject({ type: 'webhook.test' });
    expect(new Webhook(secret).verify(last.body, h)).toMatchObject({ type: 'webhook.test' });
  });

  it('writes deliveries in the transaction of the change: none for a rolled-back one', async () => {
    const admin = await contextFor(...NORTHWIND_ADMIN);
    const { endpoint } = await createWebhook(admin, { url: `${receiver.base}/ok`, eventTypes: ['user.status_changed'] });
    await expect(
      inTenantScope({ tenantId: admin.activeTenant.id }, async (tx) => {
        await emitEvent(tx, admin.activeTenant.id, 'user.status_changed', { user_id: admin.user.id, from: 'active', to: 'inactive' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveriesOf(endpoint.id)).toHaveLength(0);
    await inTenantScope({ tenantId: admin.activeTenant.id }, (tx) => emitEvent(tx, admin.activeTenant.id, 'user.status_changed', { user_id: admin.user.id, from: 'active', to: 'inactive' }));
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
  });

  it('retries on the schedule with jitter, honours Retry-After, fails after the last attempt, and 410 disables the endpoint', async () => {
    expect(WEBHOOK_SCHEDULE_SECONDS).toEqual([0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400]);
    expect([nextAttemptDelaySeconds(1, () => 0), nextAttemptDelaySeconds(1, () => 1), nextAttemptDelaySeconds(2, () => 0.5), nextAttemptDelaySeconds(10)]).toEqual([5 * 0.9, 5 * 1.1, 300, null].map((v) => (v === null ? null : Math.round(v))));

    const admin = await contextFor(...NORTHWIND_ADMIN);
    const failing = await createWebhook(admin, { url: `${receiver.base}/fail`, eventTypes: ['user.status_changed'] });
    const busy = await createWebhook(admin, { url: `${receiver.base}/busy`, eventTypes: ['user.status_changed'] });
    const gone = await createWebhook(admin, { url: `${receiver.base}/gone`, eventTypes: ['user.status_changed'] });
    await inTenantScope({ tenantId: admin.activeTenant.id }, (tx) => emitEvent(tx, admin.activeTenant.id, 'user.status_changed', { user_id: admin.user.id, from: 'active', to: 'idle' }));
    expect(await unsafeDeliverWebhooks()).toMatchObject({ delivered: 0, retrying: 2, failed: 1, disabled: 1 });

    const [f] = await owner()`select status, attempts, last_status_code, extract(epoch from next_attempt_at - now()) as wait from webhook_deliveries where endpoint_id = ${failing.endpoint.id}`;
    expect(f).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500 });
    expect(Number(f!.wait)).toBeGreaterThan(3);
    expect(Number(f!.wait)).toBeLessThan(6);
    const [b] = await owner()`select status, extract(epoch from next_attempt_at - now()) as wait from webhook_deliveries where endpoint_id = ${busy.endpoint.id}`;
    expect(Number(b!.wait)).toBeGreaterThan(115);
    const [g] = await owner()`select d.status, e.enabled, e.disabled_reason from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id where d.endpoint_id = ${gone.endpoint.id}`;
    expect(g).toMatchObject({ status: 'failed', enabled: false, disabled_reason: 'The endpoint answered 410 Gone.' });
    // Its admins are told, in the portal and by mail.
    expect(await owner()`select 1 from mail_outbox where to_address = 'admin@northwind.example' and subject like '%webhook endpoint was turned off%'`).toHaveLength(1);

    // The last attempt's failure is final.
    await owner()`update webhook_deliveries set attempts = 9, next_attempt_at = now() where endpoint_id = ${failing.endpoint.id}`;
    await unsafeDeliverWebhooks();
    expect((await deliveriesOf(failing.endpoint.id))[0]).toMatchObject({ status: 'failed', attempts: 10 });
    // Replay failed since a time: back to pending from the schedule's start, then delivered once the endpoint answers.
    await owner()`update webhook_endpoints set url = ${`${receiver.base}/ok`} where id = ${failing.endpoint.id}`;
    const replay = await replayFailed(admin, { id: failing.endpoint.id, since: new Date(Date.now() - 3600_000).toISOString() });
    expect(replay.count).toBe(1);
    expect(await unsafeReplayWebhooks({ tenantId: admin.activeTenant.id, endpointId: failing.endpoint.id, since: new Date(Date.now() - 3600_000).toISOString() })).toEqual({ replayed: 1 });
    await unsafeDeliverWebhooks();
    expect((await deliveriesOf(failing.endpoint.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('disables an endpoint that failed for 5 days without a success', async () => {
    const admin = await contextFor(...NORTHWIND_ADMIN);
    const { endpoint } = await createWebhook(admin, { url: `${receiver.base}/fail`, eventTypes: ['user.status_changed'] });
    await inTenantScope({ tenantId: admin.activeTenant.id }, (tx) => emitEvent(tx, admin.activeTenant.id, 'user.status_changed', { user_id: admin.user.id, from: 'active', to: 'idle' }));
    await owner()`update webhook_endpoints set failing_since = now() - interval '5 days 1 minute' where id = ${endpoint.id}`;
    expect(await unsafeDeliverWebhooks()).toMatchObject({ disabled: 1 });
    const [e] = await owner()`select enabled, disabled_reason from webhook_endpoints where id = ${endpoint.id}`;
    expect(e).toEqual({ enabled: false, disabled_reason: 'Every delivery failed for 5 days.' });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'failed' });
  });

  it('sends a delivery again with the same webhook-id after a sender died holding it', async () => {
    const admin = await contextFor(...NORTHWIND_ADMIN);
    const { endpoint } = await createWebhook(admin, { url: `${receiver.base}/ok`, eventTypes: ['user.status_changed'] });
    await inTenantScope({ tenantId: admin.activeTenant.id }, (tx) => emitEvent(tx, admin.activeTenant.id, 'user.status_changed', { user_id: admin.user.id, from: 'active', to: 'idle' }));
    // A sender took it (attempt counted, lease set) and was killed before it recorded anything.
    await owner()`update webhook_deliveries set attempts = 1, next_attempt_at = now() + interval '60 seconds' where endpoint_id = ${endpoint.id}`;
    expect(await unsafeDeliverWebhooks()).toMatchObject({ delivered: 0 });
    // Once the lease ends, the next pass sends it, with the id it always had.
    await owner()`update webhook_deliveries set next_attempt_at = now() where endpoint_id = ${endpoint.id}`;
    expect(await unsafeDeliverWebhooks()).toMatchObject({ delivered: 1 });
    const [d] = await deliveriesOf(endpoint.id);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([d!.event_id]);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
    // Resend: the same id again (receivers deduplicate by it).
    await resendDelivery(admin, { id: endpoint.id, deliveryId: d!.id as string });
    await unsafeDeliverWebhooks();
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([d!.event_id, d!.event_id]);
  });

  it("gives a partner its managed tenants' events only as far as each live link allows", async () => {
    const acme = await contextFor(...ACME_ADMIN);
    const { endpoint } = await createWebhook(acme, { url: `${receiver.base}/ok`, eventTypes: ['ticket.created', 'partner.tenant.ticket_created'], includeManaged: true });
    const aliasOnly = await createWebhook(acme, { url: `${receiver.base}/ok-alias`, eventTypes: ['partner.tenant.ticket_created'] });
    const northwind = await contextFor(...NORTHWIND_ADMIN);
    await createTicket(northwind, { subject: 'Outage in the north', description: 'Down.', priority: 'urgent', requesterId: northwind.user.id });
    const got = await owner()`select endpoint_id, event_type, source_tenant_id, payload from webhook_deliveries where tenant_id = ${acme.homeTenant.id}`;
    expect(got.map((r) => `${r.endpoint_id === endpoint.id ? 'managed' : 'alias'} ${r.event_type}`).sort()).toEqual([
      'alias partner.tenant.ticket_created',
      'managed partner.tenant.ticket_created',
      'managed ticket.created',
    ]);
    expect(got.every((r) => r.source_tenant_id === northwind.activeTenant.id)).toBe(true);
    expect(got.find((r) => r.event_type === 'partner.tenant.ticket_created')!.payload).toMatchObject({ type: 'partner.tenant.ticket_created', data: { tenant_id: northwind.activeTenant.id } });

    // A tenant Acme has no live link to: nothing. A link whose role does not read tickets: nothing.
    const globex = await contextFor('globex', 'admin@globex.example');
    await createTicket(globex, { subject: 'Globex trouble', description: 'x', priority: 'low', requesterId: globex.user.id });
    await owner()`update partner_tenant_links set access_role = 'msp_billing' where partner_tenant_id = ${acme.homeTenant.id} and managed_tenant_id = ${northwind.activeTenant.id}`;
    await createTicket(northwind, { subject: 'Second outage', description: 'Down again.', priority: 'urgent', requesterId: northwind.user.id });
    expect(await owner()`select 1 from webhook_deliveries where tenant_id = ${acme.homeTenant.id}`).toHaveLength(3);
    expect(aliasOnly.endpoint.includeManaged).toBe(false);
  });

  it('refuses URLs that are http, private, loopback, link-local, IPv6-local, or names that resolve to them; follows no redirect; caps the answer', async () => {
    const strict = { allowHttpLocalhost: false };
    for (const url of ['http://hooks.example.com/x', 'https://10.1.2.3/x', 'https://127.0.0.1/x', 'https://[::1]/x', 'https://[fe80::1]/x', 'https://[fd00::1]/x', 'https://169.254.169.254/latest/meta-data', 'https://[::ffff:127.0.0.1]/x', 'https://192.168.1.10/x', 'https://user:pw@hooks.example.com/x', 'ftp://hooks.example.com/x']) {
      expect(() => checkUrl(url, strict), url).toThrow();
    }
    expect(checkUrl('https://hooks.example.com/portal', strict).hostname).toBe('hooks.example.com');
    // Public addresses, v4 and v6, stay allowed (the blocklist is no allowlist of nothing).
    expect(checkUrl('https://93.184.216.34/portal', strict).hostname).toBe('93.184.216.34');
    expect(checkUrl('https://[2606:4700::1111]/portal', strict).hostname).toBe('[2606:4700::1111]');
    // A name that resolves to 127.0.0.1 is refused at creation and again at connect time.
    await expect(checkResolves(new URL('https://localhost/x'), strict)).rejects.toThrow(/resolves to/);
    const rebinding = ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address: '10.0.0.7', family: 4 }])) as never;
    await expect(safePost('https://innocent.example/x', '{}', {}, { ...strict, timeoutMs: 2000, maxBytes: 1024, resolve: rebinding })).rejects.toThrow(/resolves to 10\.0\.0\.7/);
    const admin = await contextFor(...NORTHWIND_ADMIN);
    // (This process allows http://localhost for the receiver; other private addresses stay refused.)
    await expect(createWebhook(admin, { url: 'https://10.0.0.5/hook', eventTypes: ['ticket.created'] })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(createWebhook(admin, { url: 'http://hooks.example.com/hook', eventTypes: ['ticket.created'] })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { fieldErrors: { url: ['Webhook URLs must use https.'] } } });

    // A redirect is a failed attempt; the place it points to is never asked.
    const { endpoint } = await createWebhook(admin, { url: `${receiver.base}/redirect`, eventTypes: ['ticket.created'] });
    const test = await sendTestEvent(admin, { id: endpoint.id });
    expect(test).toMatchObject({ delivered: false, response: { status: 302 }, error: 'redirect not followed' });
    expect(receiver.received.map((r) => r.path)).toEqual(['/redirect']);
    // An answer past 256 KB is cut there.
    const big = await safePost(`${receiver.base}/big`, '{}', {}, { allowHttpLocalhost: true, timeoutMs: 5000, maxBytes: 256 * 1024 });
    expect(big).toMatchObject({ status: 200, truncated: true });
    expect(big.body.length).toBe(256 * 1024);
    const list = await listDeliveries(admin, { id: endpoint.id });
    expect(list.items[0]!.attemptLog[0]).toMatchObject({ attempt: 1, statusCode: 302, error: 'redirect not followed' });
  });

  it('keeps endpoints in their tenant: another tenant cannot see or use one', async () => {
    const admin = await contextFor(...NORTHWIND_ADMIN);
    const { endpoint } = await createWebhook(admin, { url: `${receiver.base}/ok`, eventTypes: ['ticket.created'] });
    const globex = await contextFor('globex', 'admin@globex.example');
    await expect(sendTestEvent(globex, { id: endpoint.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listDeliveries(globex, { id: endpoint.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const throughLink = await contextFor(...ACME_ADMIN, 'northwind');
    await expect(sendTestEvent(throughLink, { id: endpoint.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(receiver.received).toHaveLength(0);
    const tid = await tenantId('northwind');
    expect(tid).toBe(admin.activeTenant.id);
  });
});

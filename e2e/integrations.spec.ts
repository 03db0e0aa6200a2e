import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { expect, signedInPage, test } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';
import { E2E_PORT } from './fixtures/env';
import { ConfirmDialog } from './pages/confirm-dialog';
import { guideShot } from './fixtures/guide-shot';

// Integrations as a partner's admin wires them: an API key made in the portal, used from a
// script (no cookie), then revoked; a webhook endpoint pointing at a receiver this test runs,
// a test event and a real event delivered and verified with the Standard Webhooks verifier.
const owner = e2eOwner();
let script: APIRequestContext;
test.beforeAll(async () => {
  script = await playwrightRequest.newContext({ baseURL: `http://localhost:${E2E_PORT}` });
});
test.afterAll(async () => {
  await script.dispose();
  await owner.end();
});

test("Acme's admin makes an API key, a script calls the API with it (Bearer and Basic, at home and in a managed tenant), and revoking it stops it", async ({ browser }) => {
  const admin = await signedInPage(browser, 'acme-msp', 'admin@acme-msp.example');
  await admin.goto('/t/acme-msp/settings/api-keys');
  await expect(admin.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  const name = `Provisioning script ${Date.now()}`;
  const form = admin.getByRole('form', { name: 'New API key' });
  await form.getByLabel('Name').fill(name);
  for (const p of ['users.read', 'partner.tenants.switch_context', 'partner.provisioning.subscribers.read']) await form.getByRole('checkbox', { name: p, exact: true }).check();
  await guideShot(admin, 'api-keys', form);
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(admin.getByText(`Copy the key “${name}” now: it is not shown again.`)).toBeVisible();
  const token = await admin.getByRole('textbox', { name: 'New API key' }).inputValue();
  expect(token).toMatch(/^pp_live_[0-9a-f]{32}_[\w-]{43}$/);
  const row = admin.getByRole('table', { name: 'API keys' }).getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(token.slice(0, 16));
  await expect(row).toContainText('Never used');
  // The secret is not in the page once the notice is closed, nor anywhere the list is served.
  await admin.getByRole('button', { name: 'Done' }).click();
  expect(await admin.content()).not.toContain(token.slice(41));

  const bearer = { Authorization: `Bearer ${token}` };
  const home = await script.get('/api/v1/users?limit=5', { headers: bearer });
  expect(home.status()).toBe(200);
  expect((await home.json()).items.length).toBeGreaterThan(0);
  // Acting in northwind through Acme's link, as the admin's own session would.
  const northwind = (await owner`select id from tenants where slug = 'northwind'`)[0]!.id as string;
  const managed = await script.get('/api/v1/users?limit=5', { headers: { ...bearer, 'X-Active-Tenant-Id': northwind } });
  expect(managed.status()).toBe(200);
  expect(managed.headers()['x-cross-tenant-access']).toBe('true');
  // Only what the key holds: no writes, and no minting keys with a key.
  const write = await script.post('/api/v1/api-keys', { headers: bearer, data: { name: 'minted', permissions: ['users.read'] } });
  expect(write.status()).toBe(403);
  // HTTP Basic: the key id as user, the secret as password.
  const [, hex, secret] = /^pp_live_([0-9a-f]{32})_(.+)$/.exec(token)!;
  const basic = await script.get('/api/v1/users?limit=1', { headers: { Authorization: `Basic ${Buffer.from(`pp_live_${hex}:${secret}`).toString('base64')}` } });
  expect(basic.status()).toBe(200);
  // A wrong secret or a header that is no key: 401 in the error shape.
  const wrong = await script.get('/api/v1/users', { headers: { Authorization: `Bearer pp_live_${hex}_${'x'.repeat(43)}` } });
  expect([wrong.status(), (await wrong.json()).error.code]).toEqual([401, 'UNAUTHORIZED']);
  expect((await script.get('/api/v1/users', { headers: { Authorization: 'Bearer nonsense' } })).status()).toBe(401);

  // The API reference in the portal tries the same call with the key (no cookie).
  await admin.goto('/t/acme-msp/settings/api-keys/reference');
  await admin.getByRole('searchbox', { name: 'Filter endpoints' }).fill('/api/v1/users');
  await admin.getByRole('navigation', { name: 'Endpoints' }).getByRole('button', { name: 'GET /api/v1/users', exact: true }).click();
  await expect(admin.getByRole('region', { name: 'Endpoint' })).toContainText('Permission users.read');
  const tryIt = admin.getByRole('form', { name: 'Try it' });
  await tryIt.getByLabel('API key').fill(token);
  await tryIt.getByLabel('Query string (optional)').fill('limit=2');
  await tryIt.getByRole('button', { name: 'Send GET' }).click();
  await expect(admin.getByTestId('try-status')).toHaveText('200');
  await expect(admin.getByTestId('try-body')).toContainText('"items"');
  await admin.goto('/t/acme-msp/settings/api-keys');

  // The list shows the last use; the audit names the key.
  await admin.reload();
  await expect(row).toContainText(/from (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
  const [event] = await owner`select actor_label from audit_events where tenant_id = ${northwind} and action = 'users.list' order by seq desc limit 1`;
  expect(event!.actor_label).toBe(`admin@acme-msp.example (API key "${name}")`);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await new ConfirmDialog(admin, `Revoke the key “${name}”?`).confirm('Revoke key');
  await expect(row).toContainText('Revoked');
  const after = await script.get('/api/v1/users?limit=1', { headers: bearer });
  expect([after.status(), (await after.json()).error.code]).toEqual([401, 'UNAUTHORIZED']);
});

test("Northwind's admin adds a webhook endpoint, sends a test event, and a new ticket arrives signed at the receiver", async ({ browser }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${(receiver.address() as AddressInfo).port}/portal-events`;
  try {
    const admin = await signedInPage(browser, 'northwind', 'admin@northwind.example');
    await admin.goto('/t/northwind/settings/webhooks');
    await expect(admin.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    const form = admin.getByRole('form', { name: 'New webhook endpoint' });
    // An address inside the network is refused, saying why.
    await form.getByLabel('URL').fill('https://10.0.0.8/hook');
    await form.getByRole('checkbox', { name: 'ticket.created', exact: true }).check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByText(/private, loopback, link-local or reserved/)).toBeVisible();
    // What was entered stays, to be corrected.
    await expect(form.getByLabel('URL')).toHaveValue('https://10.0.0.8/hook');
    await expect(form.getByRole('checkbox', { name: 'ticket.created', exact: true })).toBeChecked();
    await form.getByLabel('URL').fill(url);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await admin.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await admin.getByRole('link', { name: url }).click();
    await expect(admin.getByRole('heading', { level: 1, name: url })).toBeVisible();

    await admin.getByRole('button', { name: 'Send test event' }).click();
    const test = admin.getByRole('region', { name: 'Test event' });
    await expect(test).toContainText('Test event: delivered (HTTP 204');
    await guideShot(admin, 'webhooks');
    await expect(test.getByRole('region', { name: 'Request sent' })).toContainText('webhook-signature: v1,');
    const verify = (r: { headers: IncomingHttpHeaders; body: string }) =>
      new Webhook(secret).verify(r.body, { 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) });
    expect(verify(received[0]!)).toMatchObject({ type: 'webhook.test' });

    // A real event: a ticket opened in northwind reaches the receiver within seconds (the worker's sender).
    const created = await admin.request.post('/api/v1/tickets', { headers: { Origin: `http://localhost:${E2E_PORT}` }, data: { subject: `Webhook journey ${Date.now()}`, description: 'The fibre box blinks red.', priority: 'high' } });
    expect(created.status()).toBe(201);
    const ticket = await created.json();
    await expect.poll(() => received.find((r) => r.body.includes(ticket.id)), { timeout: 30_000 }).toBeTruthy();
    const event = received.find((r) => r.body.includes(ticket.id))!;
    expect(verify(event)).toMatchObject({ type: 'ticket.created', data: { tenant_id: expect.any(String), ticket_id: ticket.id, ticket_number: ticket.number, priority: 'high' } });
    await admin.reload();
    const deliveries = admin.getByRole('table', { name: 'Deliveries' });
    await expect(deliveries.getByRole('row', { name: /ticket\.created/ })).toContainText('Delivered');
    await expect(deliveries.getByRole('row', { name: /ticket\.created/ })).toContainText('HTTP 204');
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});

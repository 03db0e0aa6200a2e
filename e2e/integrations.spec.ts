import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { expect, signedInPage, test } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';
import { E2E_PORT } from './fixtures/env';
import { ConfirmDialog } from './pages/confirm-dialog';

// Integrations as a partner's admin wires them: an API key made in the portal, used from a
// script (no cookie), then revoked.
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

  // The list shows the last use; the audit names the key.
  await admin.reload();
  await expect(row).toContainText(/from (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
  const [event] = await owner`select actor_label from audit_events where tenant_id = ${northwind} and action = 'users.list' order by seq desc limit 1`;
  expect(event!.actor_label).toBe(`admin@acme-msp.example (API key "${name}")`);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await new ConfirmDialog(admin, `Revoke the key “${name}”?`).confirm('Revoke key');
  await expect(row).toContainText('revoked');
  const after = await script.get('/api/v1/users?limit=1', { headers: bearer });
  expect([after.status(), (await after.json()).error.code]).toEqual([401, 'UNAUTHORIZED']);
});

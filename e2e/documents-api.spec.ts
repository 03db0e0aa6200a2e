import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { load } from 'js-yaml';
import { OpenAPIBackend } from 'openapi-backend';
import { apiAs, expect, test } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';
import { E2E_PORT } from './fixtures/env';
import { mailTo } from './fixtures/mail';

// The documents' own API (docs/contracts/documents-openapi.yaml, OpenAPI 3.0) driven as a
// partner's system would: an API key over HTTP Basic, users by 7-digit customer number, the
// partner by its 4-digit provider code. Every successful answer is validated against the
// contract by openapi-backend (ajv underneath); error answers keep the portal's shape with the
// contract's statuses.
const baseURL = `http://localhost:${E2E_PORT}`;
const owner = e2eOwner();
let script: APIRequestContext;
let contract: OpenAPIBackend;

/** The documents' contract, as copied into the repository (docs/contracts/, unchanged). */
const contractText = () => readFileSync(path.join('docs', 'contracts', 'documents-openapi.yaml'), 'utf8');

test.beforeAll(async () => {
  script = await playwrightRequest.newContext({ baseURL });
  contract = new OpenAPIBackend({ definition: load(contractText()) as never, strict: false, quick: false, validate: true });
  await contract.init();
});
test.afterAll(async () => {
  await script.dispose();
  await owner.end();
});

/** Validates an answer of `operationId` against the contract; returns the body. */
async function conforms(res: APIResponse, operationId: string, status: number): Promise<unknown> {
  const text = await res.text();
  expect(res.status(), `${operationId}: ${text.slice(0, 300)}`).toBe(status);
  const body: unknown = text ? JSON.parse(text) : null;
  const checked = contract.validateResponse(body, operationId, status);
  expect(checked.errors ?? [], `${operationId} answer against the contract: ${text.slice(0, 300)}`).toEqual([]);
  return body;
}

async function errorOf(res: APIResponse, status: number, code: string) {
  const text = await res.text();
  expect(res.status(), text.slice(0, 300)).toBe(status);
  expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe(code);
}

test('a partner system uses the documents’ API with an API key over Basic, and every answer matches the contract', async ({ browser }) => {
  const admin = await apiAs(browser, 'northwind', 'admin@northwind.example');
  const made = await admin.post('/api/v1/api-keys', {
    headers: { Origin: baseURL },
    data: { name: `Documents API ${Date.now()}`, permissions: ['users.read', 'settings.read', 'plans.read', 'plans.write', 'subscriptions.read', 'subscriptions.write'] },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { token } = (await made.json()) as { token: string };
  const [, hex, secret] = /^pp_live_([0-9a-f]{32})_(.+)$/.exec(token)!;
  const auth = { Authorization: `Basic ${Buffer.from(`pp_live_${hex}:${secret}`).toString('base64')}` };
  const [tenant] = await owner`select provider_code from tenants where slug = 'northwind'`;
  const provider = tenant!.provider_code as string;
  const [globex] = await owner`select provider_code from tenants where slug = 'globex'`;

  // The partner, by its provider code; another tenant's code and one nobody has answer alike.
  const partner = (await conforms(await script.get(`/api/partner?provider_id=${provider}`, { headers: auth }), 'getPartner', 200)) as Record<string, unknown>;
  expect(partner).toMatchObject({ provider_id: provider, status: 'active', name: 'Northwind Fiber' });
  await errorOf(await script.get(`/api/partner?provider_id=${globex!.provider_code}`, { headers: auth }), 404, 'NOT_FOUND');
  await errorOf(await script.get('/api/partner?provider_id=1000', { headers: auth }), 404, 'NOT_FOUND');
  await errorOf(await script.get(`/api/partner?provider_id=${provider}&status=stopped`, { headers: auth }), 404, 'NOT_FOUND');
  await errorOf(await script.get('/api/partner?provider_id=12', { headers: auth }), 400, 'VALIDATION_ERROR');
  const anonymous = await script.get(`/api/partner?provider_id=${provider}`);
  expect([anonymous.status(), anonymous.headers()['www-authenticate']]).toEqual([401, 'Basic realm="partner-portal"']);

  // Users: one by customer number, and a page (each item a contract User).
  const [ben] = await owner`select customer_number from users where email = 'basic@northwind.example'`;
  const user = (await conforms(await script.get(`/api/external/user?user_id=${ben!.customer_number}&provider_id=${provider}`, { headers: auth }), 'getUser', 200)) as Record<string, unknown>;
  expect(user).toMatchObject({ user_id: ben!.customer_number, provider_id: provider, type: 'basic' });
  const page = await script.get('/api/external/user?limit=10', { headers: auth });
  expect(page.status()).toBe(200);
  const items = (await page.json()) as unknown[];
  expect(items).toHaveLength(10);
  for (const item of items) expect(contract.validateResponse(item, 'getUser', 200).errors ?? []).toEqual([]);
  await errorOf(await script.get('/api/external/user?user_id=0000001', { headers: auth }), 404, 'NOT_FOUND');
  await errorOf(await script.get('/api/external/user?limit=5', { headers: auth }), 400, 'VALIDATION_ERROR');

  // Plans: list, create, change.
  const plans = (await conforms(await script.get(`/api/subscriptions/plans?provider_id=${provider}&user_types=basic`, { headers: auth }), 'getSubscriptionPlans', 200)) as { available_for: string[] }[];
  expect(plans.length).toBeGreaterThan(0);
  for (const p of plans) expect(p.available_for).toContain('basic');
  const name = `Documents plan ${Date.now()}`;
  const created = (await conforms(
    await script.post('/api/subscriptions/plans', { headers: auth, data: { name, provider_id: provider, available_for: ['basic'], price: 9.99, billing_cycle: 'monthly', active: true } }),
    'createSubscriptionPlan',
    201,
  )) as { plan_id: string };
  const changed = (await conforms(await script.put(`/api/subscriptions/plans/${created.plan_id}`, { headers: auth, data: { price: 12.99 } }), 'updateSubscriptionPlan', 200)) as Record<string, unknown>;
  expect(changed).toMatchObject({ plan_id: created.plan_id, name, provider_id: provider, price: 12.99, billing_cycle: 'monthly', available_for: ['basic'], active: true });
  await errorOf(await script.post('/api/subscriptions/plans', { headers: auth, data: { name: 'x', available_for: ['guest'], price: -1, billing_cycle: 'weekly' } }), 400, 'VALIDATION_ERROR');

  // A subscriber (a fresh basic user of northwind): subscribe, the code from the user's mail, confirm.
  const email = `documents-${Date.now()}@example.net`;
  const [fresh] = await owner`insert into users (tenant_id, email, name, type, created_at)
    select id, ${email}, 'Dana Documents', 'basic', now() - interval '20 years' from tenants where slug = 'northwind' returning customer_number`;
  const number = fresh!.customer_number as string;
  expect(number).toMatch(/^\d{7}$/);
  await conforms(await script.get(`/api/subscriptions/status?user_id=${number}`, { headers: auth }), 'getUserSubscriptionStatus', 200).then((b) => expect(b).toEqual({ user_id: number, sub_status: 'absent' }));
  const signing = await conforms(await script.post(`/api/subscriptions/${number}/subscribe/${created.plan_id}`, { headers: auth, data: { user_id: number, plan_id: created.plan_id } }), 'subscribeUser', 200);
  expect(signing).toEqual({ status: 'signing' });
  await errorOf(await script.post(`/api/subscriptions/${number}/subscribe/${created.plan_id}`, { headers: auth, data: {} }), 400, 'CONFLICT');
  await errorOf(await script.post(`/api/subscriptions/${number}/confirm/${created.plan_id}`, { headers: auth, data: { confirmation_code: '000000' } }), 400, 'VALIDATION_ERROR');
  const mail = await mailTo(email, /confirmation code/);
  const code = /code is (\d{6})/.exec(mail.text)![1]!;
  const signed = await conforms(await script.post(`/api/subscriptions/${number}/confirm/${created.plan_id}`, { headers: auth, data: { user_id: number, plan_id: created.plan_id, confirmation_code: code } }), 'confirmSubscription', 200);
  expect(signed).toEqual({ user_id: number, sub_status: 'signed' });
  await conforms(await script.get(`/api/subscriptions/status?user_id=${number}`, { headers: auth }), 'getUserSubscriptionStatus', 200).then((b) => expect(b).toEqual({ user_id: number, sub_status: 'signed' }));

  // A plan with a subscriber cannot be deleted; unsubscribe, then once more is refused.
  await errorOf(await script.delete(`/api/subscriptions/plans/${created.plan_id}`, { headers: auth }), 400, 'CONFLICT');
  const ended = await conforms(await script.post(`/api/subscriptions/${number}/unsubscribe`, { headers: auth }), 'unsubscribeUser', 200);
  expect(ended).toEqual({ user_id: number, sub_status: 'unsigned' });
  await errorOf(await script.post(`/api/subscriptions/${number}/unsubscribe`, { headers: auth }), 400, 'CONFLICT');

  // A plan without history is deleted: 204, and it is gone.
  const spare = (await (await script.post('/api/subscriptions/plans', { headers: auth, data: { name: `${name} spare`, available_for: ['company'], price: 1, billing_cycle: 'yearly' } })).json()) as { plan_id: string };
  const removed = await script.delete(`/api/subscriptions/plans/${spare.plan_id}`, { headers: auth });
  expect(removed.status()).toBe(204);
  await errorOf(await script.put(`/api/subscriptions/plans/${spare.plan_id}`, { headers: auth, data: { price: 2 } }), 404, 'NOT_FOUND');
});

test('an MSP names a managed tenant by its provider code, within what the link allows', async ({ browser }) => {
  const acme = await apiAs(browser, 'acme-msp', 'admin@acme-msp.example');
  const made = await acme.post('/api/v1/api-keys', {
    headers: { Origin: baseURL },
    data: { name: `MSP documents ${Date.now()}`, permissions: ['users.read', 'settings.read', 'plans.read', 'plans.write', 'partner.tenants.switch_context', 'partner.provisioning.plans.assign'] },
  });
  const { token } = (await made.json()) as { token: string };
  const bearer = { Authorization: `Bearer ${token}` };
  const codes = Object.fromEntries((await owner`select slug, provider_code from tenants where slug in ('acme-msp', 'northwind', 'globex')`).map((r) => [r.slug, r.provider_code as string]));

  const home = (await conforms(await script.get(`/api/partner?provider_id=${codes['acme-msp']}`, { headers: bearer }), 'getPartner', 200)) as Record<string, unknown>;
  expect(home.name).toBe('Acme Managed Services');
  const managed = await script.get(`/api/subscriptions/plans?provider_id=${codes.northwind}`, { headers: bearer });
  const managedPlans = (await conforms(managed, 'getSubscriptionPlans', 200)) as { provider_id: string }[];
  expect(managed.headers()['x-cross-tenant-access']).toBe('true');
  expect(new Set(managedPlans.map((p) => p.provider_id))).toEqual(new Set([codes.northwind]));
  // The msp_full link does not let partner staff write plans; an unlinked tenant is not found.
  await errorOf(await script.post('/api/subscriptions/plans', { headers: bearer, data: { name: 'MSP plan', provider_id: codes.northwind, available_for: ['basic'], price: 5, billing_cycle: 'monthly' } }), 403, 'FORBIDDEN');
  await errorOf(await script.get(`/api/subscriptions/plans?provider_id=${codes.globex}`, { headers: bearer }), 404, 'NOT_FOUND');
  const [denied] = await owner`select details from audit_events where action = 'tenant.access_denied' and details->>'requested' = (select id::text from tenants where slug = 'globex') order by seq desc limit 1`;
  expect(denied).toBeDefined();
});

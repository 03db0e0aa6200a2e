import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { e2eOwner } from '../fixtures/db';
import { signedInClient, startInstance, type Instance } from '../fixtures/instance';

const owner = e2eOwner();
let second: Instance;

test.beforeAll(async () => {
  second = await startInstance(3101);
});
test.afterAll(async () => {
  await second?.stop('SIGKILL');
  await owner.end();
});

// Two stateless web instances on one PostgreSQL: the one Playwright started (with the worker)
// and a second one started here. Everything that decides access is read from the database on
// every request, so neither instance can act on a stale copy.
test('a session signed out on one instance is refused on the other at its next request', async ({ baseURL }) => {
  const client = await signedInClient(baseURL!, 'contoso', 'admin@contoso.example');
  const session = (await client.storageState()).cookies.find((c) => c.name.includes('session-token'))!;
  const kept = { Cookie: `${session.name}=${session.value}` };
  expect((await fetch(`${second.url}/api/v1/me`, { headers: kept })).status).toBe(200);
  const { csrfToken } = await (await client.get('/api/auth/csrf')).json();
  await client.post('/api/auth/signout', { form: { csrfToken }, maxRedirects: 0 });
  // The browser drops its cookie; a copy kept by anyone gets nowhere, on either instance.
  expect((await fetch(`${second.url}/api/v1/me`, { headers: kept })).status).toBe(401);
  expect((await fetch(`${baseURL}/api/v1/me`, { headers: kept })).status).toBe(401);
  await client.dispose();
});

test('a link revoked through one instance stops access through the other at the next request', async ({ baseURL }) => {
  // A tenant of its own, linked to acme for this test only.
  const id = randomUUID();
  await owner`insert into tenants (id, slug, name) values (${id}, ${`inst-${id.slice(0, 8)}`}, 'Instance Test Tenant')`;
  const [acme] = await owner`select id from tenants where slug = 'acme-msp'`;
  const [link] = await owner`insert into partner_tenant_links (partner_tenant_id, managed_tenant_id, access_role, status, starts_at)
    values (${acme!.id}, ${id}, 'msp_full', 'active', now() - interval '1 day') returning id`;
  const alice = await signedInClient(baseURL!, 'acme-msp', 'alice@acme-msp.example');
  const acmeAdmin = await signedInClient(baseURL!, 'acme-msp', 'admin@acme-msp.example');
  const through = { 'X-Active-Tenant-Id': id };
  expect((await alice.get(`${second.url}/api/v1/users`, { headers: through })).status()).toBe(200);
  const revoked = await acmeAdmin.post(`/api/v1/links/${link!.id}/revoke`, { headers: { Origin: baseURL! } });
  expect(revoked.status()).toBe(200);
  const refused = await alice.get(`${second.url}/api/v1/users`, { headers: through });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('TENANT_ACCESS_DENIED');
  await Promise.all([alice.dispose(), acmeAdmin.dispose()]);
});

test('API rate limits are one budget across instances', async ({ baseURL }) => {
  const [fabrikam] = await owner`select id from tenants where slug = 'fabrikam'`;
  await owner`insert into tenant_rate_limits (tenant_id, list_per_minute, detail_per_minute, write_per_minute, export_per_hour, link_per_minute)
    values (${fabrikam!.id}, 4, 200, 50, 10, 500)
    on conflict (tenant_id) do update set list_per_minute = 4`;
  try {
    const admin = await signedInClient(baseURL!, 'fabrikam', 'admin@fabrikam.example');
    // Wait for a fresh minute window if this one is nearly over, so all six calls share it.
    const second0 = new Date().getUTCSeconds();
    if (second0 > 50) await new Promise((r) => setTimeout(r, (61 - second0) * 1000));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await admin.get(`${i % 2 === 0 ? baseURL : second.url}/api/v1/sessions`)).status());
    // Four calls, alternating instances, use the budget; the fifth and sixth are refused wherever they land.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    await admin.dispose();
  } finally {
    await owner`delete from tenant_rate_limits where tenant_id = ${fabrikam!.id}`;
  }
});

test('an instance told to stop finishes the request in flight, closes its database pool and exits cleanly', async () => {
  const third = await startInstance(3102);
  // A sign-up whose body arrives slowly: the request is in flight when SIGTERM comes.
  const body = JSON.stringify({ tenant: 'northwind', name: 'Slow Sender', email: `slow-${Date.now()}@example.net`, password: 'a-slow-but-long-passphrase', acceptTerms: true });
  let push!: (chunk: string | null) => void;
  const stream = new ReadableStream<string>({ start: (c) => void (push = (chunk) => (chunk === null ? c.close() : c.enqueue(chunk))) });
  const answer = fetch(`${third.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: stream.pipeThrough(new TextEncoderStream()),
    duplex: 'half',
  } as RequestInit);
  push(body.slice(0, 20));
  await new Promise((r) => setTimeout(r, 300));
  const exited = third.stop('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  push(body.slice(20));
  push(null);
  const res = await answer;
  expect(res.status).toBe(202);
  expect(await exited).toBe(0);
  expect(third.output()).toMatch(/requests finished, \d+ database pools? closed/);
  // It no longer accepts connections.
  await expect(fetch(`${third.url}/api/health`)).rejects.toThrow();
});

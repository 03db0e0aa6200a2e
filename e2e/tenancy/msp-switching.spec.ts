import { e2eOwner } from '../fixtures/db';
import { expect, pageAs, test } from '../fixtures/auth';
import { guideShot } from '../fixtures/guide-shot';

const foreignDomains = /@(acme-msp|contoso|fabrikam|globex|platform)\.example$/;

test('alice switches between the tenants Acme manages, and sees only what each link allows', async ({ page, signIn, portal, users }) => {
  await signIn.goto();
  await signIn.signIn('acme-msp', 'alice@acme-msp.example');
  await expect(page).toHaveURL(/\/t\/acme-msp$/);

  const options = await portal.selectorOptions();
  expect(options).toEqual([
    'Acme Managed Services acme-msp home',
    'Contoso Broadband contoso MSP support',
    expect.stringMatching(/^Fabrikam Telecom fabrikam MSP billing · expired \d{4}-\d{2}-\d{2} \(unavailable\)$/),
    'Northwind Fiber northwind MSP full access',
  ]);
  await portal.selector().click();
  await expect(portal.allTenants().first()).toBeVisible();
  await guideShot(page, 'tenant-switcher');
  await page.keyboard.press('Escape');

  await portal.switchTo('Northwind Fiber');
  // From the overview, the switch lands on the other tenant's overview.
  await expect(page).toHaveURL(/\/t\/northwind$/);
  await portal.nav('Users').click();
  await expect(page).toHaveURL(/\/t\/northwind\/users$/);
  await expect(portal.banner()).toHaveText('Acting in Northwind Fiber for Acme Managed Services as MSP full access, access open-ended');
  const emails = await users.emails();
  expect(emails.length).toBe(50);
  expect(emails).toContain('admin@northwind.example');
  for (const e of emails) expect(e).not.toMatch(foreignDomains);

  await users.search('basic@');
  await expect(users.table().locator('tbody tr')).toHaveCount(1);
  await users.table().getByRole('link', { name: 'Ben Basic' }).click();
  await expect(page.getByRole('heading', { name: 'Ben Basic' })).toBeVisible();
  await expect(page.getByText('basic@northwind.example')).toBeVisible();

  await portal.switchTo('Contoso Broadband');
  await expect(page).toHaveURL(/\/t\/contoso\/users$/);
  await expect(portal.banner()).toHaveText(/^Acting in Contoso Broadband for Acme Managed Services as MSP support, access (until \d{4}-\d{2}-\d{2}|open-ended)$/);
  await expect(page.getByText('You cannot view users in Contoso Broadband')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Users' })).toHaveCount(0);
});

test('an expired link and an unlinked tenant are refused by selector, URL and header', async ({ page, signIn, browser }) => {
  const globexApi = (await pageAs(browser, 'globexAdmin')).request;
  const globexId = (await (await globexApi.get('/api/v1/me')).json()).homeTenant.id as string;

  await signIn.goto();
  await signIn.signIn('acme-msp', 'alice@acme-msp.example');
  await expect(page).toHaveURL(/\/t\/acme-msp$/);
  const customers = (await (await page.request.get('/api/v1/partner/customers')).json()).items as {
    slug: string;
    tenantId: string;
    link: { state: string };
  }[];
  const fabrikam = customers.find((c) => c.slug === 'fabrikam')!;
  expect(fabrikam.link.state).toBe('expired');
  // Globex may appear with an ended link from another journey, never with a live one.
  expect(customers.filter((c) => c.slug === 'globex' && ['active', 'expiring'].includes(c.link.state))).toEqual([]);

  for (const slug of ['fabrikam', 'globex']) {
    await page.goto(`/t/${slug}/users`);
    // Fabrikam's link expired: the page says so by name. Globex never had a live link here (or
    // an ended one from another journey): the uniform answer, or the ended one.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(slug === 'fabrikam' ? 'Your access to Fabrikam Telecom ended' : /^(Not found|Your access to Globex Networks ended)$/);
    await expect(page.getByText(/@(fabrikam|globex)\.example/)).toHaveCount(0);
  }

  const expired = await page.request.get('/api/v1/users', { headers: { 'X-Active-Tenant-Id': fabrikam.tenantId } });
  expect(expired.status()).toBe(403);
  expect((await expired.json()).error.code).toBe('TENANT_LINK_EXPIRED');

  const unlinked = await page.request.get('/api/v1/users', { headers: { 'X-Active-Tenant-Id': globexId } });
  expect(unlinked.status()).toBe(403);
  const body = await unlinked.text();
  expect(JSON.parse(body).error.code).toBe('TENANT_ACCESS_DENIED');
  expect(body).not.toMatch(/globex\.example|Globex Networks/);

  const malformed = await page.request.get('/api/v1/users', { headers: { 'X-Active-Tenant-Id': 'globex' } });
  expect(malformed.status()).toBe(422);
  expect((await malformed.json()).error.code).toBe('VALIDATION_ERROR');
});

test('the API honours X-Active-Tenant-Id and answers 404 for another tenant\'s user', async ({ browser }) => {
  const alice = (await pageAs(browser, 'alice')).request;
  const me = await (await alice.get('/api/v1/me')).json();
  const northwind = me.reachableTenants.find((t: { slug: string }) => t.slug === 'northwind').tenantId as string;
  const headers = { 'X-Active-Tenant-Id': northwind };

  const list = await alice.get('/api/v1/users?limit=5', { headers });
  expect(list.status()).toBe(200);
  expect(list.headers()['x-cross-tenant-access']).toBe('true');
  const page = await list.json();
  expect(page.items).toHaveLength(5);
  expect(page.nextCursor).toEqual(expect.any(String));
  // Every row is northwind's, as the database says (not alice's home tenant, not anyone else's).
  const owner = e2eOwner();
  try {
    const ids = page.items.map((u: { id: string }) => u.id);
    const homes = await owner`select distinct t.slug from users u join tenants t on t.id = u.tenant_id where u.id = any(${ids})`;
    expect(homes.map((r) => r.slug)).toEqual(['northwind']);
  } finally {
    await owner.end();
  }

  const globex = (await pageAs(browser, 'globexAdmin')).request;
  const foreignUser = (await (await globex.get('/api/v1/users?limit=1')).json()).items[0].id as string;
  const probe = await alice.get(`/api/v1/users/${foreignUser}`, { headers });
  expect(probe.status()).toBe(404);
  expect((await probe.json()).error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });

  const bad = await alice.get('/api/v1/users?limit=500', { headers });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.details.fieldErrors['query.limit']).toBeDefined();
});

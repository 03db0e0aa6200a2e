import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, pageAs, test } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';
import { curlExamples, departures, parseHttp, runExample } from './fixtures/guide-examples';
import { guides } from '../lib/help/guides';

const owner = e2eOwner();
test.afterAll(() => owner.end());

test('Help in the user menu offers each reader their own guide first, and "?" opens the section for the page', async ({ browser }) => {
  const ben = await pageAs(browser, 'ben');
  await ben.getByRole('button', { name: /Account menu/ }).click();
  await ben.getByRole('menuitem', { name: 'Help' }).click();
  await expect(ben).toHaveURL(/\/help$/);
  const yours = ben.getByRole('region', { name: 'Guides for you' }).getByRole('listitem');
  await expect(yours).toHaveCount(1);
  await expect(yours).toContainText('Your account with your provider');
  // An end user is not shown the guides about running a tenant.
  await expect(ben.getByRole('region', { name: 'Other guides' })).toHaveCount(0);

  const alice = await pageAs(browser, 'alice');
  await alice.goto('/help');
  await expect(alice.getByRole('region', { name: 'Guides for you' }).getByRole('listitem').first()).toContainText('MSP and enterprise playbook');
  const ops = await pageAs(browser, 'platform');
  await ops.goto('/help');
  await expect(ops.getByRole('region', { name: 'Guides for you' }).getByRole('listitem').first()).toContainText('Operating the platform');

  const admin = await pageAs(browser, 'northwindAdmin');
  await admin.goto('/t/northwind/users');
  await admin.getByRole('link', { name: 'Help for this page' }).click();
  await expect(admin).toHaveURL(/\/help\/partner-admins#users$/);
  await expect(admin.getByRole('heading', { level: 2, name: 'Users', exact: true })).toBeInViewport();
  // On a guide, "?" leads to the index of guides.
  await expect(admin.getByRole('link', { name: 'Help for this page' })).toHaveAttribute('href', '/help');
  // The guide's links fill in the reader's own tenant.
  await admin.getByTestId('guide').getByRole('link', { name: 'Users', exact: true }).first().click();
  await expect(admin).toHaveURL(/\/t\/northwind\/users$/);
});

test('every guide renders with its contents, every picture loads, and search finds sections across guides', async ({ browser }) => {
  const admin = await pageAs(browser, 'northwindAdmin');
  for (const g of guides) {
    await admin.goto(`/help/${g.slug}`);
    await expect(admin.getByRole('heading', { level: 1, name: g.title })).toBeVisible();
    const contents = admin.getByRole('navigation', { name: 'On this page' }).getByRole('link');
    expect(await contents.count(), g.slug).toBeGreaterThan(2);
    // Each contents entry names a heading that is on the page.
    for (const href of await contents.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
      await expect(admin.locator(`[id="${href.slice(1)}"]`), `${g.slug} ${href}`).toHaveCount(1);
    }
    const images = admin.getByTestId('guide').locator('img');
    for (const img of await images.all()) {
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth), { message: `${g.slug}: ${await img.getAttribute('src')}` }).toBeGreaterThan(0);
    }
    const { violations } = await new AxeBuilder({ page: admin }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${g.slug}: ${v.id}`)).toEqual([]);
  }
  await admin.goto('/help/no-such-guide');
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(/not found/i);

  await admin.goto('/help');
  await admin.getByRole('searchbox', { name: 'Search the guides' }).fill('idempotency');
  await admin.getByRole('button', { name: 'Search' }).click();
  await expect(admin).toHaveURL(/\/help\?q=idempotency$/);
  await admin.getByRole('link', { name: 'Idempotency keys' }).click();
  await expect(admin).toHaveURL(/\/help\/api#idempotency-keys$/);
  // A screenshot is served only by its plain name.
  expect((await admin.request.get('/help/images/..%2F..%2Fpackage.json')).status()).toBe(404);
});

test('the API guide’s curl examples give the documented answers against the running portal', async ({ browser, baseURL }) => {
  const makeKey = async (role: 'northwindAdmin' | 'acmeAdmin', permissions: string[]) => {
    const page = await pageAs(browser, role);
    const res = await page.request.post('/api/v1/api-keys', { data: { name: `API guide ${Date.now()}`, permissions } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  // A basic customer without a plan, for the idempotency example (so no journey's user is touched).
  const [user] = await owner`
    with t as (select id from tenants where slug = 'northwind'),
    u as (insert into users (tenant_id, email, name, type) select id, ${`api.guide.${Date.now()}@example.net`}, 'API Guide', 'basic' from t returning id, tenant_id)
    insert into user_roles (tenant_id, user_id, role_id) select u.tenant_id, u.id, r.id from u join roles r on r.tenant_id = u.tenant_id and r.key = 'basic' returning user_id`;
  const [plan] = await owner`select p.id from plans p join tenants t on t.id = p.tenant_id where t.slug = 'northwind' and p.name = 'Fiber Basic 100'`;
  const env = {
    PORTAL: baseURL!,
    KEY: await makeKey('northwindAdmin', ['account.read', 'users.read', 'subscriptions.read', 'subscriptions.write']),
    MSP_KEY: await makeKey('acmeAdmin', ['account.read', 'users.read', 'partner.tenants.switch_context', 'partner.provisioning.subscribers.read']),
    USER_ID: user!.user_id as string,
    PLAN_ID: plan!.id as string,
  };

  const examples = curlExamples(readFileSync('docs/guides/api.md', 'utf8'));
  expect(examples.length).toBeGreaterThanOrEqual(9);
  const problems: string[] = [];
  for (const example of examples) {
    const actual = parseHttp(await runExample(example.command, env));
    const where = `${example.heading}: ${example.command.split('\n').at(-1)}`;
    if (actual.status !== example.expected.status) problems.push(`${where}: status ${actual.status}, documented ${example.expected.status} (${JSON.stringify(actual.body)})`);
    for (const [name, value] of example.expected.headers) {
      const got = actual.headers.find(([n]) => n === name)?.[1];
      if (got === undefined || (value !== '…' && got !== value)) problems.push(`${where}: header ${name} is ${got ?? 'missing'}, documented ${value}`);
    }
    problems.push(...departures(example.expected.body, actual.body).map((d) => `${where}: ${d}`));
  }
  expect(problems).toEqual([]);
});

import { PortalPage } from './pages/portal-page';
import { expect, pageAs, signedInPage, test } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';
import { ConfirmDialog } from './pages/confirm-dialog';
import { ExportsPanel } from './pages/exports-panel';
import { RolesPage, UserPage } from './pages/roles-page';
import { SettingsPage } from './pages/settings-page';
import { WorkspacePage } from './pages/workspace-page';
import { guideShot } from './fixtures/guide-shot';

test('a tenant admin turns a feature off: its workspace and its API disappear', async ({ browser }) => {
  const page = await pageAs(browser, 'northwindAdmin');
  const nav = page.getByRole('navigation', { name: 'Workspaces' });
  await nav.getByRole('link', { name: 'Tickets' }).click();
  await expect(page.getByRole('table', { name: 'Tickets' })).toContainText('Internet drops every evening');

  await nav.getByRole('link', { name: 'Settings' }).click();
  const settings = new SettingsPage(page);
  const tickets = settings.featureRow('Support tickets');
  await expect(tickets).toContainText('ga');
  await tickets.getByRole('button', { name: 'Turn off Support tickets' }).click();
  await expect(tickets).toContainText('Turned off here');
  await expect(nav.getByRole('link', { name: 'Tickets' })).toHaveCount(0);

  await page.goto('/t/northwind/tickets');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  const api = await page.request.get('/api/v1/tickets');
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe('FEATURE_DISABLED');

  // Betas without early access and unreleased features offer no switch at all.
  await page.goto('/t/northwind/settings');
  await expect(settings.featureRow('Bulk export')).toContainText('needs early access');
  await expect(settings.featureRow('Bulk export').getByRole('button')).toHaveCount(0);
  await expect(settings.featureRow('AI assistant')).toContainText('Not released');
  await guideShot(page, 'settings');

  await settings.featureRow('Support tickets').getByRole('button', { name: 'Turn on Support tickets' }).click();
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeVisible();
  await page.context().close();
});

test('a custom role grants tickets to a basic user; taking the permission away ends it on his next click', async ({ browser }) => {
  const admin = await pageAs(browser, 'northwindAdmin');
  await new WorkspacePage(admin).navLink('Roles').click();
  await new RolesPage(admin).create({ key: 'helpdesk', name: 'Helpdesk', permissions: ['tickets.read'] });
  await expect(admin.getByRole('heading', { name: 'Helpdesk' })).toBeVisible();
  const roleUrl = admin.url();

  await admin.goto('/t/northwind/users?q=Ben');
  await admin.getByRole('link', { name: 'Ben Basic' }).click();
  await expect(await new UserPage(admin).assignRole('Helpdesk')).toBeVisible();
  await expect(admin.getByText(/tickets\.read\s*from Helpdesk/)).toBeVisible();

  const ben = await pageAs(browser, 'ben');
  const benPage = new WorkspacePage(ben);
  await benPage.navLink('Tickets').click();
  await expect(benPage.ticketsTable()).toBeVisible();

  await admin.goto(roleUrl);
  await new RolesPage(admin).removePermission('tickets.read');
  await expect(admin.getByText('Saved. Members get the new permissions on their next request.')).toBeVisible();

  // The workspace still exists in his tenant, so the page says what he lacks (403), not "not found".
  const reload = await ben.reload();
  expect(reload?.status()).toBe(403);
  await expect(benPage.noAccess()).toBeVisible();
  await expect(ben.getByText('tickets.read')).toBeVisible();
  await expect(benPage.navLink('Tickets')).toHaveCount(0);
  await admin.context().close();
  await ben.context().close();
});

test("a partner admin sees where each of alice's permissions in a managed tenant comes from", async ({ browser }) => {
  const page = await pageAs(browser, 'acmeAdmin');
  await page.goto('/t/acme-msp/users?q=Alice');
  await page.getByRole('link', { name: 'Alice Archer' }).click();
  const explained = page.getByRole('region', { name: 'Effective permissions' });
  await expect(explained).toContainText('partner.tenants.switch_context from Partner MSP full');
  const northwind = explained.getByRole('heading', { name: 'In Northwind Fiber through the msp_full link' });
  await expect(northwind).toBeVisible();
  await expect(explained).toContainText('users.read (link role msp_full, covered by partner.provisioning.subscribers.read)');
  await page.context().close();
});

test('session policies: guests are system-wide and read-only, a basic policy is saved and audited', async ({ browser }) => {
  const page = await pageAs(browser, 'northwindAdmin');
  try {
    await page.goto('/t/northwind/settings');
    const settings = new SettingsPage(page);
    const guest = settings.policyRegion('guest');
    await expect(guest).toContainText('sessions end 20 min after sign-in; 5 operations / 24 h, 20 / 7 days; on breach: idle');
    await expect(guest.getByRole('textbox')).toHaveCount(0);
    const basic = settings.policyForm('basic');
    await basic.getByLabel('Inactivity timeout (min)').fill('10');
    await basic.getByLabel('On breach').selectOption('throttle');
    await basic.getByRole('button', { name: 'Save' }).click();
    await expect(basic.getByText('Saved. The basic policy applies')).toBeVisible();
    const policies = await (await page.request.get('/api/v1/policies')).json();
    expect(policies.items.find((p: { userType: string }) => p.userType === 'basic')).toMatchObject({ inactivityTimeoutMinutes: 10, breachAction: 'throttle' });
    await page.goto('/t/northwind/audit?action=policy.update');
    await expect(page.getByRole('table').first()).toContainText('policy.update');
  } finally {
    // Leave the shared world as it was, even when an assertion fails.
    await page.request.delete('/api/v1/policies/basic', { headers: { Origin: new URL(page.url()).origin } });
    await page.context().close();
  }
});

test('the platform lowers a tenant rate limit: its calls past the limit answer 429 with Retry-After', async ({ browser }) => {
  const owner = e2eOwner();
  try {
    const ops = await pageAs(browser, 'platform');
    await new PortalPage(ops).nav('Partners').click();
    await ops.getByRole('link', { name: 'Contoso Broadband' }).click();
    const form = ops.getByRole('form', { name: 'Rate limits' });
    await form.getByLabel('Lists / min').fill('3');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await expect(ops.getByText('API rate limits', { exact: true })).toBeVisible();

    const contoso = await pageAs(browser, 'contosoAdmin');
    // Windows are fixed minutes on the database clock: start the four calls well inside one.
    const [clock] = await owner<{ s: number }[]>`select extract(second from now())::float8 as s`;
    if (clock!.s > 45) await new Promise((r) => setTimeout(r, (61 - clock!.s) * 1000));
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await contoso.request.get('/api/v1/users?limit=1');
      statuses.push(last.status());
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const headers = last!.headers();
    expect((await last!.json()).error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(headers['x-ratelimit-limit']).toBe('3');
    expect(headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    await ops.context().close();
    await contoso.context().close();
  } finally {
    // Contoso has no limits of its own in the demo world; leave it so even when this fails.
    await owner`delete from tenant_rate_limits where tenant_id = (select id from tenants where slug = 'contoso')`;
    await owner.end();
  }
});

test('the platform grants early access to a beta, and links two tenants directly', async ({ browser }) => {
  const ops = await pageAs(browser, 'platform');
  await ops.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Features' }).click();
  const bulk = ops.getByRole('row', { name: /Bulk export/ });
  await expect(bulk).toContainText('Acme Managed Services');
  await guideShot(ops, 'features');
  await bulk.getByLabel('Tenant slug').fill('globex');
  await bulk.getByRole('button', { name: 'Grant' }).click();
  await expect(bulk).toContainText('Globex Networks');

  const globex = await pageAs(browser, 'globexAdmin');
  await globex.goto('/t/globex/users');
  const exports = new ExportsPanel(globex);
  await exports.start('Export the users of Globex Networks?');
  const file = await exports.download(/^users-globex-/);
  expect(file.name).toMatch(/^users-globex-.*\.csv$/);
  expect(file.text).toContain('admin@globex.example');

  await bulk.getByRole('button', { name: 'Withdraw early access from Globex Networks' }).click();
  await expect(bulk).not.toContainText('Globex Networks');
  await globex.reload();
  await expect(globex.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(globex.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);

  await ops.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Partners' }).click();
  await ops.getByRole('link', { name: 'Globex Networks' }).click();
  const create = ops.getByRole('form', { name: 'Create a link' });
  await create.getByLabel('Managed tenant (slug)').fill('fabrikam');
  await create.getByLabel('Access role').selectOption('auditor');
  await create.getByRole('button', { name: 'Create link' }).click();
  const row = ops.getByRole('table', { name: 'Tenant links' }).getByRole('row', { name: /Fabrikam Telecom/ });
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: 'End link' }).click();
  const confirm = new ConfirmDialog(ops, /^End the link/);
  await confirm.expectCancelFocused();
  await confirm.confirm('End link');
  await expect(row).toContainText('Revoked');
  await ops.context().close();
  await globex.context().close();
});

test("an advanced user's API calls past the tenant's quota answer 429 USAGE_LIMIT_EXCEEDED", async ({ browser }) => {
  const admin = await pageAs(browser, 'contosoAdmin');
  const origin = { Origin: new URL(admin.url()).origin };
  const role = await (
    await admin.request.post('/api/v1/roles', { headers: origin, data: { key: 'quota_probe', name: 'Quota probe', permissions: ['tickets.read'] } })
  ).json();
  const users = await (await admin.request.get('/api/v1/users?search=zoe.nowak.5')).json();
  const zoe = users.items[0] as { id: string; type: string };
  expect(zoe.type).toBe('advanced');
  const advanced = (await (await admin.request.get('/api/v1/roles')).json()).items.find((r: { key: string }) => r.key === 'advanced');
  expect((await admin.request.put(`/api/v1/users/${zoe.id}/roles`, { headers: origin, data: { roleIds: [advanced.id, role.id] } })).status()).toBe(200);
  const policy = { inactivityTimeoutMinutes: null, opsPerDay: 2, opsPerWeek: 10, breachAction: 'throttle', maxConcurrentSessions: null };
  expect((await admin.request.put('/api/v1/policies/advanced', { headers: origin, data: policy })).status()).toBe(200);

  const page = await signedInPage(browser, 'contoso', 'zoe.nowak.5@contoso.example');
  const statuses = [];
  let last;
  for (let i = 0; i < 3; i++) {
    last = await page.request.get('/api/v1/tickets');
    statuses.push(last.status());
  }
  expect(statuses).toEqual([200, 200, 429]);
  expect((await last!.json()).error.code).toBe('USAGE_LIMIT_EXCEEDED');
  expect(Number(last!.headers()['retry-after'])).toBeGreaterThan(23 * 3600);
  // Her own account is not an operation.
  expect((await page.request.get('/api/v1/me')).status()).toBe(200);

  expect((await admin.request.delete('/api/v1/policies/advanced', { headers: origin })).status()).toBe(200);
  expect((await page.request.get('/api/v1/tickets')).status()).toBe(200);
  expect((await admin.request.delete(`/api/v1/roles/${role.id}`, { headers: origin })).status()).toBe(204);
  await admin.context().close();
  await page.context().close();
});

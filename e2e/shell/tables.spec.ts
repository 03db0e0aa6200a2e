import { randomBytes } from 'node:crypto';
import { expect, pageAs, test } from '../fixtures/auth';
import { e2eOwner } from '../fixtures/db';
import { ConfirmDialog } from '../pages/confirm-dialog';
import { PortalPage } from '../pages/portal-page';
import { UsersPage } from '../pages/users-page';
import { holdScripts } from '../fixtures/interactive';

const foreignDomains = /@(acme-msp|contoso|fabrikam|globex|platform)\.example$/;

test('the users table sorts, pages both ways, changes page size and keeps its column choice', async ({ browser }) => {
  const page = await pageAs(browser, 'northwindAdmin');
  const users = new UsersPage(page);
  await page.goto('/t/northwind/users');
  const nameHeader = users.table().getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  await expect(users.table().getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'descending');

  // Sorting is a button in the header; the URL carries it and the first page starts again.
  await nameHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=name\.asc/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  // The order is the database's (its collation), page after page.
  const owner = e2eOwner();
  const expected = (await owner`select u.email from users u join tenants t on t.id = u.tenant_id where t.slug = 'northwind' order by u.name asc, u.id asc limit 50`).map((r) => r.email as string);
  await owner.end();
  expect(await users.emails()).toEqual(expected);

  // 25 a page: Next shows 26-50, Previous comes back to the same first page.
  const pager = page.getByRole('navigation', { name: 'Users pages' });
  await pager.getByLabel('Rows per page').selectOption('25');
  await expect(page).toHaveURL(/size=25/);
  await expect(pager).toContainText('Showing 1–25');
  const firstPage = await users.emails();
  await expect(pager.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText('Showing 26–50');
  const secondPage = await users.emails();
  expect(secondPage.filter((e) => firstPage.includes(e))).toEqual([]);
  await pager.getByRole('button', { name: 'Previous' }).click();
  await expect(pager).toContainText('Showing 1–25');
  expect(await users.emails()).toEqual(firstPage);
  // Back in history returns to page two: each page is its own URL.
  await page.goBack();
  await expect(pager).toContainText('Showing 26–50');

  // Hiding a column is saved for this user and table: it stays hidden after a reload.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Email' }).click();
  await page.keyboard.press('Escape');
  await expect(users.table().getByRole('columnheader', { name: 'Email' })).toHaveCount(0);
  await page.reload();
  await expect(users.table().getByRole('columnheader', { name: 'Email' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Email' }).click();
  await page.keyboard.press('Escape');
  await expect(users.table().getByRole('columnheader', { name: 'Email' })).toHaveCount(1);
  await page.context().close();
});

test('search waits for the typing to stop, adds no history entry per key, and Clear filters empties it', async ({ browser }) => {
  const page = await pageAs(browser, 'northwindAdmin');
  const users = new UsersPage(page);
  await page.goto('/t/northwind/users');
  const before = await page.evaluate(() => history.length);
  await page.getByRole('searchbox', { name: 'Search name or email' }).pressSequentially('basic@', { delay: 40 });
  await page.waitForURL((url) => url.searchParams.get('q') === 'basic@');
  await expect(users.table().locator('tbody tr')).toHaveCount(1);
  expect(await page.evaluate(() => history.length)).toBe(before);

  await page.getByLabel('Status').selectOption('inactive');
  await expect(page).toHaveURL(/status=inactive/);
  await expect(users.table()).toContainText('No results match these filters.');
  await users.table().getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/t\/northwind\/users$/);
  await expect(page.getByRole('searchbox', { name: 'Search name or email' })).toHaveValue('');
  await page.context().close();
});

test('words typed before the page is interactive stay in the box and are searched for', async ({ browser }) => {
  const page = await pageAs(browser, 'northwindAdmin');
  const users = new UsersPage(page);
  // The page's scripts wait until the words are in the box: the server-rendered box takes them,
  // no handler sees them, and then the page hydrates.
  const release = await holdScripts(page);
  await page.goto('/t/northwind/users', { waitUntil: 'commit' });
  const box = page.getByRole('searchbox', { name: 'Search name or email' });
  await box.fill('basic@');
  release();
  await page.waitForURL((url) => url.searchParams.get('q') === 'basic@');
  await expect(users.table().locator('tbody tr')).toHaveCount(1);
  await expect(box).toHaveValue('basic@');
  await page.context().close();
});

test('a bulk deactivation reports each row: succeeded and skipped, then Escape clears the selection', async ({ browser }) => {
  const owner = e2eOwner();
  const tag = `Bulk ${randomBytes(3).toString('hex')}`;
  try {
    const tenant = (await owner`select id from tenants where slug = 'northwind'`)[0]!.id as string;
    await owner`insert into users (tenant_id, email, name, type, status) values
      (${tenant}, ${`${tag.replace(' ', '-').toLowerCase()}-a@northwind.example`}, ${`${tag} Active`}, 'basic', 'active'),
      (${tenant}, ${`${tag.replace(' ', '-').toLowerCase()}-b@northwind.example`}, ${`${tag} Inactive`}, 'basic', 'inactive')`;
    const page = await pageAs(browser, 'northwindAdmin');
    const users = new UsersPage(page);
    await page.goto('/t/northwind/users');
    await users.search(tag);
    await expect(users.table().locator('tbody tr')).toHaveCount(2);

    await users.table().getByRole('checkbox', { name: 'Select all rows on this page' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect(bar).toContainText('2 selected');
    await bar.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = new ConfirmDialog(page, 'Deactivate 2 users in Northwind Fiber?');
    await expect(dialog.root()).toBeVisible();
    await dialog.confirm('Deactivate');

    const results = page.getByRole('region', { name: 'Results: Deactivate' });
    await expect(results.getByRole('listitem').filter({ hasText: `${tag} Active` })).toContainText('Succeeded');
    await expect(results.getByRole('listitem').filter({ hasText: `${tag} Inactive` })).toContainText('Skipped');
    await expect(results).toContainText('Already inactive.');
    const rows = await owner`select name, status from users where name like ${`${tag}%`} order by name`;
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      [`${tag} Active`, 'inactive'],
      [`${tag} Inactive`, 'inactive'],
    ]);

    // A new selection, then Escape: the bar goes.
    await users.table().getByRole('checkbox', { name: `Select ${tag} Active` }).check();
    await expect(bar).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(bar).toHaveCount(0);
    await page.context().close();
  } finally {
    await owner`delete from users where name like ${`${tag}%`}`;
    await owner.end();
  }
});

test('all tenants: alice sees the users of every tenant her links allow, with a Tenant column and filter', async ({ browser }) => {
  const page = await pageAs(browser, 'alice');
  const portal = new PortalPage(page);
  await portal.selector().click();
  await page.getByRole('group', { name: 'Views' }).getByRole('option', { name: /All tenants \(2\)/ }).click();
  await expect(page).toHaveURL(/\/t\/all\/users$/);
  await expect(portal.selector()).toContainText('All tenants (2)');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  // Contoso's msp_support link does not grant users.read: it is named as left out.
  await expect(page.getByText(/Not included .*Contoso Broadband/)).toBeVisible();
  const users = new UsersPage(page);
  await expect(users.table().getByRole('columnheader', { name: 'Tenant' })).toBeVisible();
  const emails = await users.emails();
  expect(emails.length).toBe(50);
  for (const e of emails) expect(e).not.toMatch(foreignDomains);

  await page.getByRole('combobox', { name: 'Tenant', exact: true }).selectOption('northwind');
  await expect(page).toHaveURL(/tenant=northwind/);
  await expect(users.table().locator('tbody tr td').filter({ hasText: 'Contoso Broadband' })).toHaveCount(0);
  // A row opens in its own tenant.
  await users.table().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/t\/northwind\/users\/[0-9a-f-]{36}$/);
  await expect(portal.banner()).toContainText('Acting in Northwind Fiber');

  // A workspace that needs one tenant asks for one.
  await page.goto('/t/all/plans');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a tenant' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Plans in Northwind Fiber' })).toBeVisible();
  await page.context().close();
});

test('the overview shows only the numbers the caller may read, each opening the list behind it', async ({ browser }) => {
  const admin = await pageAs(browser, 'northwindAdmin');
  await expect(admin.getByRole('heading', { level: 1, name: 'Northwind Fiber' })).toBeVisible();
  await admin.getByRole('list', { name: 'Users by type' }).getByRole('link', { name: /^Basic:/ }).click();
  await expect(admin).toHaveURL(/\/t\/northwind\/users\?type=basic$/);
  const types = await new UsersPage(admin).table().locator('tbody tr td:nth-child(4)').allInnerTexts();
  expect(new Set(types)).toEqual(new Set(['Basic']));
  await admin.context().close();

  // An end user: the overview is My account for them, with no staff numbers.
  const ben = await pageAs(browser, 'ben');
  await ben.goto('/t/northwind');
  await expect(ben).toHaveURL(/\/t\/northwind\/account$/);
  await expect(ben.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(ben.getByRole('list', { name: 'Users by type' })).toHaveCount(0);
  await ben.context().close();

  // A partner admin: managed tenants as cards, each with its role in words and a way in.
  const acme = await pageAs(browser, 'acmeAdmin');
  const cards = acme.getByRole('list', { name: 'Managed tenants' });
  await expect(cards.getByRole('listitem').filter({ hasText: 'Northwind Fiber' })).toContainText('MSP full access');
  await expect(cards.getByRole('listitem').filter({ hasText: 'Fabrikam Telecom' })).toContainText('Not reachable now.');
  await cards.getByRole('link', { name: 'Switch to Northwind Fiber' }).click();
  await expect(acme).toHaveURL(/\/t\/northwind$/);
  await acme.context().close();
});

test('My access lists every tenant alice can reach, with the granting link and its dates', async ({ browser }) => {
  const page = await pageAs(browser, 'alice');
  await new PortalPage(page).openAccountPage('My access');
  await expect(page).toHaveURL(/\/t\/acme-msp\/my-access$/);
  const table = page.getByRole('table', { name: 'My access' });
  const row = (tenant: string) => table.getByRole('row', { name: new RegExp(`^${tenant}`) });
  await expect(row('Acme Managed Services')).toContainText('home');
  await expect(row('Northwind Fiber')).toContainText('MSP full access');
  // The link that grants it, and its relationship in words (the column holds msp_managed).
  await expect(row('Northwind Fiber')).toContainText('Link held by Acme Managed Services · MSP-managed');
  await expect(row('Fabrikam Telecom')).toContainText('Expired');
  await page.context().close();
});

test('"?" lists the shortcuts, but not while typing; Alt+F in the switcher keeps a favourite', async ({ browser }) => {
  const page = await pageAs(browser, 'alice');
  await page.goto('/t/northwind/users');
  await page.getByRole('searchbox', { name: 'Search name or email' }).press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+k');
  const filter = page.getByRole('combobox', { name: 'Filter tenants' });
  await filter.fill('contoso');
  await page.keyboard.press('Alt+f');
  await expect(page.getByText('Contoso Broadband added to favourites')).toBeAttached();
  await filter.fill('');
  await expect(page.getByRole('group', { name: 'Favourites' }).getByRole('option')).toHaveText([/Contoso Broadband/]);
  await page.keyboard.press('Escape');
  await page.context().close();
});

test('the tickets table searches, filters by status and sorts by number', async ({ browser }) => {
  const page = await pageAs(browser, 'northwindAdmin');
  // One page holds them all (ninety days of demo tickets), so both sort orders show the same rows.
  await page.goto('/t/northwind/tickets?size=100');
  const table = page.getByRole('table', { name: 'Tickets' });
  const numbers = () => table.locator('tbody tr td:nth-child(1)').allInnerTexts();
  await table.getByRole('columnheader', { name: 'Number' }).getByRole('button').click();
  await expect(table.getByRole('columnheader', { name: 'Number' })).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await numbers();
  expect(ascending).toEqual([...ascending].sort());
  await table.getByRole('columnheader', { name: 'Number' }).getByRole('button').click();
  await expect(table.getByRole('columnheader', { name: 'Number' })).toHaveAttribute('aria-sort', 'descending');
  expect(await numbers()).toEqual([...ascending].reverse());

  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('pending');
  await expect(page).toHaveURL(/status=pending/);
  await expect(table).toContainText('Invoice shows the wrong plan');
  const owner = e2eOwner();
  const [pending] = await owner`select count(*)::int as n from tickets t join tenants n on n.id = t.tenant_id where n.slug = 'northwind' and t.status = 'pending'`;
  await owner.end();
  await expect(table.locator('tbody tr')).toHaveCount(pending!.n as number);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByRole('searchbox', { name: 'Search subject or number' }).fill('router replacement');
  await page.waitForURL((url) => url.searchParams.get('q') === 'router replacement');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('Router replacement');
  await page.context().close();
});

test('roles and the partner registry use the same table: search, a filter, Clear filters', async ({ browser }) => {
  const admin = await pageAs(browser, 'northwindAdmin');
  await admin.goto('/t/northwind/roles');
  const roles = admin.getByRole('table', { name: 'Roles' });
  await admin.getByRole('searchbox', { name: 'Search roles' }).fill('clerk');
  await admin.waitForURL((url) => url.searchParams.get('q') === 'clerk');
  await expect(roles.locator('tbody tr')).toHaveCount(1);
  await expect(roles).toContainText('Billing clerk');
  await admin.getByRole('button', { name: 'Clear filters' }).first().click();
  await admin.getByRole('combobox', { name: 'Kind', exact: true }).selectOption('built-in');
  await expect(admin).toHaveURL(/kind=built-in/);
  await expect(roles.locator('tbody tr td:nth-child(2)').first()).toHaveText('built-in');
  expect(new Set(await roles.locator('tbody tr td:nth-child(2)').allInnerTexts())).toEqual(new Set(['built-in']));
  await admin.context().close();

  const ops = await pageAs(browser, 'platform');
  await ops.goto('/t/platform/partners');
  const tenants = ops.getByRole('table', { name: 'Tenants' });
  await ops.getByRole('searchbox', { name: 'Search name or slug' }).fill('north');
  await ops.waitForURL((url) => url.searchParams.get('q') === 'north');
  await expect(tenants.locator('tbody tr')).toHaveCount(1);
  await expect(tenants).toContainText('Northwind Fiber');
  await ops.context().close();
});

test('switching tenant keeps the list filters and drops the cursor', async ({ browser }) => {
  const page = await pageAs(browser, 'alice');
  await page.goto('/t/northwind/tickets?status=open&sort=number.asc&cursor=stale');
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Filter tenants' }).fill('contoso');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/t\/contoso\/tickets\?status=open&sort=number\.asc$/);
  await expect(page.getByRole('combobox', { name: 'Status', exact: true })).toHaveValue('open');
  await page.context().close();
});

test('the links table filters by direction and state, and names roles in words', async ({ browser }) => {
  const page = await pageAs(browser, 'acmeAdmin');
  await page.goto('/t/acme-msp/links');
  const links = page.getByRole('table', { name: 'Links' });
  await expect(links.getByRole('row', { name: /Northwind Fiber/ })).toContainText('MSP full access');
  await page.getByRole('combobox', { name: 'State', exact: true }).selectOption('expired');
  await expect(page).toHaveURL(/state=expired/);
  await expect(links.locator('tbody tr').first()).toContainText('Fabrikam Telecom');
  expect(new Set(await links.locator('tbody tr td:nth-child(4)').allInnerTexts())).toEqual(new Set(['Expired']));
  await page.context().close();
});

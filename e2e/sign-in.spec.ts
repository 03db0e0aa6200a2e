import { expect, test } from './fixtures/auth';
import { PortalPage } from './pages/portal-page';
import { SignInPage } from './pages/sign-in-page';
import { holdScripts, interactive } from './fixtures/interactive';

test('wrong tenant, unknown email and wrong password all get the same message', async ({ page, signIn }) => {
  await signIn.goto();
  await signIn.signIn('no-such-tenant', 'admin@globex.example');
  await signIn.expectFailed();
  await signIn.signIn('globex', 'nobody@globex.example');
  await signIn.expectFailed();
  await signIn.signIn('globex', 'admin@globex.example', 'not-the-password');
  await signIn.expectFailed();
  await signIn.signIn('northwind', 'admin@globex.example');
  await signIn.expectFailed();
  await expect(page).toHaveURL(/\/login$/);
});

test('the tenant sign-in page names its tenant', async ({ page, signIn }) => {
  await signIn.goto('northwind');
  await expect(page.getByLabel('Tenant')).toHaveValue('northwind');
  await page.getByLabel('Email').fill('admin@northwind.example');
  await page.getByLabel('Password').fill('demo-pass-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/t\/northwind$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Fiber' })).toBeVisible();
});

test('what is typed before the sign-in page is interactive is what signs in', async ({ page }) => {
  // The page's scripts wait until every box is filled: nothing may write over what was typed
  // as the form comes to life (the form's defaults once wiped the email and password).
  const release = await holdScripts(page);
  await page.goto('/t/northwind/login', { waitUntil: 'commit' });
  await expect(page.getByLabel('Tenant')).toHaveValue('northwind');
  await page.getByLabel('Email').fill('admin@northwind.example');
  await page.getByLabel('Password').fill('demo-pass-2026');
  release();
  await interactive(page.getByLabel('Email'));
  await expect(page.getByLabel('Email')).toHaveValue('admin@northwind.example');
  await expect(page.getByLabel('Tenant')).toHaveValue('northwind');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/t\/northwind$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Fiber' })).toBeVisible();
});

test('after sign out, the old cookie is refused on its next request', async ({ page, signIn, portal, browser }) => {
  await signIn.goto();
  await signIn.signIn('northwind', 'admin@northwind.example');
  await expect(page).toHaveURL(/\/t\/northwind$/);
  const stolen = await page.context().cookies();
  expect((await page.request.get('/api/v1/me')).status()).toBe(200);

  await portal.signOut();

  const attacker = await browser.newContext();
  await attacker.addCookies(stolen);
  const me = await attacker.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
  expect((await me.json()).error.code).toBe('UNAUTHORIZED');
  const attackerPage = await attacker.newPage();
  await attackerPage.goto('/t/northwind/users');
  await expect(attackerPage).toHaveURL(/\/t\/northwind\/login$/);
  await attacker.close();
});

test('revoking a session on the Sessions page ends it for whoever holds it', async ({ page, signIn, browser }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto('/login');
  await new SignInPage(otherPage).signIn('globex', 'admin@globex.example');
  await expect(otherPage).toHaveURL(/\/t\/globex$/);

  await signIn.goto();
  await signIn.signIn('globex', 'admin@globex.example');
  await expect(page).toHaveURL(/\/t\/globex$/);
  await new PortalPage(page).openAccountPage('My account');
  await expect(page).toHaveURL(/\/t\/globex\/account$/);
  const sessions = page.getByRole('table', { name: 'Sessions' });
  const otherRow = sessions.locator('tbody tr', { hasNot: page.getByText('This session') });
  await otherRow.getByRole('button', { name: 'Revoke', exact: true }).first().click();
  await expect(sessions.getByText('Ended').first()).toBeVisible();

  expect((await other.request.get('/api/v1/me')).status()).toBe(401);
  expect((await page.request.get('/api/v1/me')).status()).toBe(200);
  await other.close();
});

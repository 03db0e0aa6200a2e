import { expect, test } from './fixtures/auth';
import { SignInPage } from './pages/sign-in-page';

test('a platform operator registers a tenant, its admin sets a password and signs in, and stopping it signs them out', async ({
  page,
  signIn,
  browser,
}) => {
  await signIn.goto();
  await signIn.signIn('platform', 'ops@platform.example');
  await expect(page).toHaveURL(/\/t\/platform\/partners$/);
  await expect(page.getByRole('table', { name: 'Tenants' })).toContainText('Northwind Fiber');
  await expect(page.getByRole('table', { name: 'Tenants' })).not.toContainText('@northwind.example');

  const form = page.getByRole('form', { name: 'Register tenant' });
  await form.getByLabel('Slug').fill('Bad Slug');
  await form.getByLabel('Business name').fill('Umbrella Fiber');
  await form.getByLabel('First admin email').fill('admin@umbrella.example');
  await form.getByRole('button', { name: 'Register tenant' }).click();
  await expect(form.getByText('Use 3 to 40 lowercase letters, digits or hyphens.')).toBeVisible();
  await form.getByLabel('Slug').fill('umbrella');
  await form.getByRole('button', { name: 'Register tenant' }).click();
  const link = (await page.getByTestId('set-password-link').locator('code').innerText()).trim();
  expect(link).toMatch(/\/t\/umbrella\/set-password\?token=/);
  await expect(page.getByRole('table', { name: 'Tenants' })).toContainText('Umbrella Fiber');

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await adminPage.goto(link);
  await adminPage.getByLabel('New password').fill('umbrella-secret-1');
  await adminPage.getByLabel('Repeat the password').fill('umbrella-secret-1');
  await adminPage.getByRole('button', { name: 'Set password' }).click();
  await expect(adminPage).toHaveURL(/\/t\/umbrella\/login$/);
  await new SignInPage(adminPage).signIn('umbrella', 'admin@umbrella.example', 'umbrella-secret-1');
  await expect(adminPage).toHaveURL(/\/t\/umbrella\/users$/);
  await expect(adminPage.getByRole('table', { name: 'Users' })).toContainText('admin@umbrella.example');

  // The link works once.
  await adminPage.goto(link);
  await adminPage.getByLabel('New password').fill('attacker-secret-1');
  await adminPage.getByLabel('Repeat the password').fill('attacker-secret-1');
  await adminPage.getByRole('button', { name: 'Set password' }).click();
  await expect(adminPage.getByText('This link is not valid any more.')).toBeVisible();

  await page.getByRole('row', { name: /Umbrella Fiber/ }).getByRole('button', { name: 'Stop' }).click();
  // Stopping is high impact: the tenant's name must be typed before the button works.
  const confirm = page.getByRole('alertdialog', { name: 'Stop Umbrella Fiber?' });
  await expect(confirm.getByRole('button', { name: 'Stop tenant' })).toBeDisabled();
  await confirm.getByLabel('Type Umbrella Fiber to confirm').fill('Umbrella');
  await expect(confirm.getByRole('button', { name: 'Stop tenant' })).toBeDisabled();
  await confirm.getByLabel('Type Umbrella Fiber to confirm').fill('Umbrella Fiber');
  await confirm.getByRole('button', { name: 'Stop tenant' }).click();
  await expect(page.getByRole('row', { name: /Umbrella Fiber/ })).toContainText('stopped');

  await adminPage.goto('/t/umbrella/users');
  await expect(adminPage).toHaveURL(/\/t\/umbrella\/login$/);
  expect((await admin.request.get('/api/v1/me')).status()).toBe(401);
  await admin.close();
});

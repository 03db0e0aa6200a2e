import { expect, test } from './fixtures/auth';
import { PartnersPage, SetPasswordPage } from './pages/partners-page';
import { PortalPage } from './pages/portal-page';
import { SignInPage } from './pages/sign-in-page';
import { guideShot } from './fixtures/guide-shot';

test('a platform operator registers a tenant, its admin sets a password and signs in, and stopping it signs them out', async ({
  page,
  signIn,
  browser,
}) => {
  await signIn.goto();
  await signIn.signIn('platform', 'ops@platform.example');
  await expect(page).toHaveURL(/\/t\/platform$/);
  await new PortalPage(page).nav('Partners').click();
  await expect(page).toHaveURL(/\/t\/platform\/partners$/);
  const partners = new PartnersPage(page);
  await expect(partners.table()).toContainText('Northwind Fiber');
  await expect(partners.table()).not.toContainText('@northwind.example');
  await guideShot(page, 'partners');

  await partners.register({ slug: 'Bad Slug', name: 'Umbrella Fiber', adminEmail: 'admin@umbrella.example' });
  await expect(partners.registerForm().getByText('Use 3 to 40 lowercase letters, digits or hyphens.')).toBeVisible();
  await partners.register({ slug: 'umbrella', name: 'Umbrella Fiber', adminEmail: 'admin@umbrella.example' });
  const link = await partners.setPasswordLink();
  expect(link).toMatch(/\/t\/umbrella\/set-password\?token=/);
  await expect(partners.table()).toContainText('Umbrella Fiber');

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await adminPage.goto(link);
  await new SetPasswordPage(adminPage).setPassword('umbrella-secret-1');
  await expect(adminPage).toHaveURL(/\/t\/umbrella\/login$/);
  await new SignInPage(adminPage).signIn('umbrella', 'admin@umbrella.example', 'umbrella-secret-1');
  await expect(adminPage).toHaveURL(/\/t\/umbrella$/);
  await new PortalPage(adminPage).nav('Users').click();
  await expect(adminPage.getByRole('table', { name: 'Users' })).toContainText('admin@umbrella.example');

  // The link works once.
  await adminPage.goto(link);
  await new SetPasswordPage(adminPage).setPassword('attacker-secret-1');
  await expect(adminPage.getByText('This link is not valid any more.')).toBeVisible();

  // Stopping is high impact: the tenant's name must be typed before the button works.
  const stop = await partners.askToStop('Umbrella Fiber');
  await stop.expectCancelFocused();
  await expect(stop.confirmButton('Stop tenant')).toBeDisabled();
  await stop.type('Umbrella');
  await expect(stop.confirmButton('Stop tenant')).toBeDisabled();
  await stop.type('Umbrella Fiber');
  await stop.confirm('Stop tenant');
  await expect(partners.row('Umbrella Fiber')).toContainText('Stopped');

  await adminPage.goto('/t/umbrella/users');
  await expect(adminPage).toHaveURL(/\/t\/umbrella\/login$/);
  expect((await admin.request.get('/api/v1/me')).status()).toBe(401);
  await admin.close();
});

import { expect, test } from './fixtures/auth';
import { LinksPage } from './pages/links-page';
import { SignInPage } from './pages/sign-in-page';
import { guideShot } from './fixtures/guide-shot';

test('acme requests a link to globex, globex approves, alice acts there, globex revokes and her next click is refused', async ({ page, signIn, portal, browser }) => {
  const acme = await browser.newContext();
  const acmePage = await acme.newPage();
  await acmePage.goto('/login');
  await new SignInPage(acmePage).signIn('acme-msp', 'admin@acme-msp.example');
  await acmePage.getByRole('link', { name: 'Links' }).click();
  const form = new LinksPage(acmePage).requestForm();
  await form.getByLabel('Tenant (slug)').fill('globex');
  // The roles read in words, not as their API keys.
  await expect(form.getByLabel('Access role').locator('option')).toHaveText(['MSP full access', 'MSP billing', 'MSP support', 'Enterprise HQ', 'Auditor', 'Reseller', 'Delegate']);
  await form.getByLabel('Access role').selectOption('msp_full');
  await form.getByLabel('Deny (permissions, comma-separated)').fill('billing.invoices.export');
  await form.getByText('Service terms: SLA and alerts').click();
  await form.getByLabel('Response, urgent (hours)').fill('1');
  await form.getByLabel('Uptime target (%)').fill('99.9');
  await guideShot(acmePage, 'request-link', form);
  await form.getByRole('button', { name: 'Request link' }).click();
  await expect(form.getByText('Requested access to Globex Networks (MSP full access)')).toBeVisible();
  await acme.close();

  const globex = await browser.newContext();
  const globexPage = await globex.newPage();
  await globexPage.goto('/login');
  await new SignInPage(globexPage).signIn('globex', 'admin@globex.example');
  await globexPage.getByRole('link', { name: 'Links' }).click();
  const globexLinks = new LinksPage(globexPage);
  const request = globexLinks.row('Acme Managed Services');
  await expect(request).toContainText('they manage us');
  await expect(request).toContainText('users.read');
  await expect(request).not.toContainText('billing.invoices.export');
  await expect(request).toContainText('response urgent 1h; uptime 99.9%; alerts on SLA breach');
  // The approval states exactly what it grants before anything changes (no one-click approve).
  const approve = await globexLinks.askToApprove('Acme Managed Services', 'MSP full access', 'Globex Networks');
  await approve.expectCancelFocused();
  await expect(approve.root()).toContainText('users.read');
  await expect(approve.root()).not.toContainText('billing.invoices.export');
  await approve.confirm('Approve');
  await expect(request).toContainText('Active');

  await signIn.goto();
  await signIn.signIn('acme-msp', 'alice@acme-msp.example');
  await expect(page).toHaveURL(/\/t\/acme-msp$/);
  await portal.switchTo('Globex Networks');
  await expect(portal.banner()).toHaveText(/^Acting in Globex Networks for Acme Managed Services as MSP full access, access /);
  await portal.nav('Users').click();
  await expect(page.getByRole('table', { name: 'Users' })).toContainText('admin@globex.example');

  await globexPage.getByRole('link', { name: 'Access' }).click();
  await expect(globexPage.getByRole('table', { name: 'Partner access' })).toContainText('Acme Managed Services');

  await globexPage.getByRole('link', { name: 'Links' }).click();
  // The dialog names who loses access to whom, starts on Cancel and repeats the verb.
  const revoke = await globexLinks.askToRevoke('Acme Managed Services', 'Globex Networks', 'incoming');
  await revoke.expectCancelFocused();
  await revoke.confirm('Revoke');
  await expect(globexLinks.row('Acme Managed Services')).toContainText('Revoked');

  // A write from alice's stale tab is refused by name, and so is her next page; the banner goes.
  await page.getByRole('button', { name: 'Actions for Tenant Admin' }).click();
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your access to Globex Networks ended: the link was revoked.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your access to Globex Networks ended' })).toBeVisible();
  await expect(portal.banner()).toHaveCount(0);
  await globex.close();
});

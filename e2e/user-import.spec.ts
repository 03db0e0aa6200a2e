import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signedInPage } from './fixtures/auth';
import { guideShot } from './fixtures/guide-shot';
import { mailTo } from './fixtures/mail';
import { ConfirmDialog } from './pages/confirm-dialog';
import { SetPasswordPage } from './pages/partners-page';
import { SignInPage } from './pages/sign-in-page';

/** The set-password path in the newest mail to an address with that subject. */
async function passwordLink(email: string, subject: RegExp): Promise<string> {
  const mail = await mailTo(email, subject);
  return /\/t\/northwind\/set-password\?token=[\w-]+/.exec(mail.text)![0];
}

test("Northwind's admin checks a CSV file, imports it, and a moved customer chooses a password and signs in", async ({ browser }) => {
  test.setTimeout(90_000);
  const tag = randomBytes(3).toString('hex');
  const ada = `ada.${tag}@import.example`;
  const grace = `grace.${tag}@import.example`;
  const csv = ['email,name,type', `${ada},Ada Lovelace,basic`, `${grace},"Hopper, Grace",`, 'basic@northwind.example,Ben Again,basic', 'not-an-address,Broken Row,'].join('\n');

  const admin = await signedInPage(browser, 'northwind', 'admin@northwind.example');
  await admin.goto('/t/northwind/users');
  await expect(admin.getByRole('table', { name: 'Users' })).toBeVisible();
  await guideShot(admin, 'users');
  await admin.getByRole('link', { name: 'Import users' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Import users into Northwind Fiber' })).toBeVisible();

  // Import is offered only for text that was checked first.
  await admin.getByLabel('Or paste the rows').fill(csv);
  await expect(admin.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await admin.getByRole('button', { name: 'Check' }).click();
  const summary = admin.getByTestId('import-summary');
  await expect(summary).toHaveText('Checked 4 rows: 2 would be imported, 1 already here, 1 with errors. Nothing was changed.');
  const rows = admin.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: 'not-an-address' })).toContainText('email: Enter a valid email.');
  await expect(rows.filter({ hasText: 'basic@northwind.example' })).toContainText('Already here');
  await guideShot(admin, 'import-users');
  await admin.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(summary).toHaveText('Imported 2 of 4 rows: 1 already here, 1 with errors.');

  // The imported customer's page: no password yet; a new link can be sent.
  await rows.filter({ hasText: ada }).getByRole('link', { name: ada }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  await expect(admin.getByText('No password yet: invited or imported')).toBeVisible();
  const first = await passwordLink(ada, /account is ready/);
  await admin.getByRole('button', { name: 'Send a password link' }).click();
  const dialog = new ConfirmDialog(admin, 'Send a password link?');
  await dialog.expectCancelFocused();
  await dialog.confirm('Send link');
  await expect(admin.getByText(`Sent to ${ada}.`)).toBeVisible();
  const second = await passwordLink(ada, /choose your password/);

  // The first link stopped working; the new one sets the password, and Ada signs in as basic.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(first);
  await new SetPasswordPage(customer).setPassword('ada-moved-over-2026');
  await expect(customer.getByText('This link is not valid any more.')).toBeVisible();
  await customer.goto(second);
  await new SetPasswordPage(customer).setPassword('ada-moved-over-2026');
  await expect(customer).toHaveURL(/\/t\/northwind\/login$/);
  await new SignInPage(customer).signIn('northwind', ada, 'ada-moved-over-2026');
  await expect(customer).toHaveURL(/\/t\/northwind\/account$/);
  await expect(customer.getByLabel('Type: Basic')).toBeVisible();
  await admin.reload();
  await expect(admin.getByText('Password set')).toBeVisible();
});

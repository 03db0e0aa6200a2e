import { expect, test } from './fixtures/auth';
import { AccessPage, AuditPage } from './pages/audit-page';
import { guideShot } from './fixtures/guide-shot';

test("northwind's admin sees on the Access page and in the audit log what alice did there through Acme's link", async ({ page, signIn, portal, users, browser }) => {
  await signIn.goto();
  await signIn.signIn('acme-msp', 'alice@acme-msp.example');
  await expect(page).toHaveURL(/\/t\/acme-msp$/);
  await portal.switchTo('Northwind Fiber');
  await portal.nav('Users').click();
  await users.search('ada');
  await expect(users.table().locator('tbody tr')).toHaveCount(1);

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await adminPage.goto('/t/northwind/login');
  await adminPage.getByLabel('Email').fill('admin@northwind.example');
  await adminPage.getByLabel('Password').fill('demo-pass-2026');
  await adminPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(adminPage).toHaveURL(/\/t\/northwind$/);
  const audit = new AuditPage(adminPage);
  await adminPage.getByRole('link', { name: 'Audit' }).click();
  await audit.filterByActor('alice@acme-msp.example');
  const rows = audit.rows();
  await expect(rows.first()).toContainText('alice@acme-msp.example · via Acme Managed Services');
  await expect(rows.first()).toContainText('users.list');
  await guideShot(adminPage, 'audit-log');

  // The Access page lists only what partners did here: alice's search is there.
  await adminPage.getByRole('link', { name: 'Access' }).click();
  const access = new AccessPage(adminPage).table();
  await expect(access.locator('tbody tr').first()).toContainText('alice@acme-msp.example · via Acme Managed Services');
  await expect(access).toContainText('users.list');
  await adminPage.getByRole('link', { name: 'Audit' }).click();

  await expect(await audit.verify()).toContainText('Chain intact');

  const text = await audit.exportCsv();
  expect(text.split('\n')[0]).toBe('seq,occurred_at,actor,actor_tenant,via,action,resource_type,resource_id,outcome,request_id,ip');
  expect(text).toContain('alice@acme-msp.example');
  expect(text).not.toMatch(/@(globex|contoso|fabrikam)\.example/);
  await admin.close();
});

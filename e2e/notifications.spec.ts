import { randomBytes } from 'node:crypto';
import { expect, signedInPage, test } from './fixtures/auth';
import { e2eOwner } from './fixtures/db';
import { digestToken } from './fixtures/digest';
import { guideShot } from './fixtures/guide-shot';

// The notification centre and its preferences as a staff member meets them: the bell's unread
// count, the list, mark read; what is mailed at once or waits for the digest; and the digest's
// one-click unsubscribe page.
const owner = e2eOwner();
test.afterAll(async () => {
  await owner.end();
});

/** A staff member of acme of their own (made long ago, so the demo's lists stay as they are), with two unread notices. */
async function plantStaff(): Promise<{ email: string; tenantId: string; userId: string }> {
  const email = `notices-${randomBytes(4).toString('hex')}@acme-msp.example`;
  const [user] = await owner`insert into users (tenant_id, email, name, type, password_hash, email_verified_at, created_at)
    select tenant_id, ${email}, 'Noor Notices', 'admin', password_hash, now(), now() - interval '5 years' from users where email = 'admin@acme-msp.example' returning id, tenant_id`;
  await owner`insert into user_roles (tenant_id, user_id, role_id) select tenant_id, ${user!.id}, id from roles where tenant_id = ${user!.tenant_id} and key = 'admin' and built_in`;
  await owner`insert into notifications (tenant_id, user_id, kind, title, body, href, created_at) values
    (${user!.tenant_id}, ${user!.id}, 'alert.raised', 'Critical alert: uptime under target', 'Northwind Fiber is under its uptime target.', '/t/acme-msp/alerts', now() - interval '2 minutes'),
    (${user!.tenant_id}, ${user!.id}, 'webhook.disabled', 'A webhook endpoint was turned off', 'It failed for 5 days.', null, now() - interval '1 minute')`;
  return { email, tenantId: user!.tenant_id as string, userId: user!.id as string };
}

test('a staff member reads the bell, marks notices read and chooses what is mailed and when', async ({ browser }) => {
  const staff = await plantStaff();
  const page = await signedInPage(browser, 'acme-msp', staff.email);
  const bell = page.getByRole('button', { name: 'Notifications, 2 unread' });
  await expect(bell).toBeVisible();
  await bell.click();
  const panel = page.getByRole('dialog', { name: 'Notifications' });
  const items = panel.getByRole('list', { name: 'Latest notifications' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('A webhook endpoint was turned off');
  await guideShot(page, 'notifications');
  await items.first().getByRole('button', { name: 'Mark read' }).click();
  await expect(page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.goto('/t/acme-msp/account#notifications');
  const form = page.getByRole('form', { name: 'Notification settings' });
  await expect(form.getByRole('combobox', { name: 'Alerts: reach me by' })).toHaveValue('digest');
  await form.getByRole('combobox', { name: 'Alerts: reach me by' }).selectOption('immediate');
  await form.getByRole('combobox', { name: 'Digest hour' }).selectOption('7');
  await form.getByRole('combobox', { name: 'Time zone' }).fill('Mars/Olympus');
  await form.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(form.getByText('Not a time zone this portal knows')).toBeVisible();
  await form.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Berlin');
  await form.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page.getByText('Notification settings saved.')).toBeVisible();
  await page.reload();
  await expect(form.getByRole('combobox', { name: 'Alerts: reach me by' })).toHaveValue('immediate');
  await expect(form.getByRole('combobox', { name: 'Digest hour' })).toHaveValue('7');
  await expect(form.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');
  const [saved] = await owner`select channels->>'alerts' as alerts, digest_hour, time_zone from notification_preferences where user_id = ${staff.userId}`;
  expect(saved).toEqual({ alerts: 'immediate', digest_hour: 7, time_zone: 'Europe/Berlin' });

  // The digest's "Stop these digests" link, opened without a session: a button, then done.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/t/acme-msp/unsubscribe?token=${digestToken(staff.tenantId, staff.userId)}`);
  await visitor.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(visitor.getByText('Done: you will get no more daily digests.')).toBeVisible();
  await page.reload();
  await expect(form.getByRole('checkbox', { name: /Send me the daily digest/ })).not.toBeChecked();
});

import { expect, test, type Page } from '@playwright/test';
import { e2eOwner } from './fixtures/db';
import { ConfirmDialog } from './pages/confirm-dialog';
import { MyPlansPage } from './pages/plans-page';
import { SignInPage } from './pages/sign-in-page';
import { guideShot } from './fixtures/guide-shot';

// The subscription journeys of Ben Basic (basic@northwind.example), who has no plan in the demo
// world. Each journey starts him from a known state, set directly in the database.
const owner = e2eOwner();
test.afterAll(() => owner.end());

const BEN = 'basic@northwind.example';
const ben = async () => (await owner`select u.id, u.tenant_id from users u join tenants t on t.id = u.tenant_id where t.slug = 'northwind' and u.email = ${BEN}`)[0]!;

/** Ben without any subscription, on a tenant that neither approves by hand nor allows switching. */
async function resetBen() {
  const { id, tenant_id } = await ben();
  // His invoices (and their payments) go with his subscriptions.
  await owner`delete from payments where tenant_id = ${tenant_id} and invoice_id in (select id from invoices where tenant_id = ${tenant_id} and user_id = ${id})`;
  await owner`delete from invoices where tenant_id = ${tenant_id} and user_id = ${id}`;
  await owner`delete from subscriptions where tenant_id = ${tenant_id} and user_id = ${id}`;
  await owner`update tenant_settings set signing_requires_approval = false, allow_plan_switching = false where tenant_id = ${tenant_id}`;
}

/** Ben already on Fiber Basic 100 (or another plan), signed today (as if he had confirmed it). */
async function benSigned(planName = 'Fiber Basic 100'): Promise<string> {
  await resetBen();
  const { id, tenant_id } = await ben();
  const [plan] = await owner`select id, price_minor from plans where tenant_id = ${tenant_id} and name = ${planName}`;
  const [s] = await owner`insert into subscriptions (tenant_id, user_id, plan_id, state, price_minor, currency, billing_cycle, confirmed_at, signed_name, anchor_at, current_period_start, current_period_end)
    values (${tenant_id}, ${id}, ${plan!.id}, 'signed', ${plan!.price_minor}, 'USD', 'monthly', now(), 'Ben Basic', now(), now(), now() + interval '1 month') returning id`;
  await owner`insert into subscription_events (tenant_id, subscription_id, to_state, event, actor_label) values (${tenant_id}, ${s!.id}, 'signed', 'assign', 'e2e')`;
  return s!.id as string;
}

/** The code in the newest confirmation mail to Ben (the outbox is what the sender job delivers). */
async function mailedCode(after: Date): Promise<string> {
  let body = '';
  await expect
    .poll(async () => {
      const [m] = await owner`select body from mail_outbox where to_address = ${BEN} and subject like '%confirmation code%' and created_at >= ${after} order by created_at desc limit 1`;
      body = (m?.body as string | undefined) ?? '';
      return body;
    })
    .toMatch(/code is \d{6}/);
  return /code is (\d{6})/.exec(body)![1]!;
}

async function signIn(page: Page, email: string) {
  await new SignInPage(page).goto('northwind');
  await new SignInPage(page).signInAndLand('northwind', email);
}

test('Ben subscribes to Fiber Basic 100 with the mailed code, by keyboard, and sees "Current plan"; an ineligible plan explains itself', async ({ page }) => {
  await resetBen();
  await signIn(page, BEN);
  const plans = new MyPlansPage(page);
  await plans.goto('northwind');

  const business = plans.card('Business 1G');
  await expect(business.getByText('Available to company. You are basic.')).toBeVisible();
  await expect(business.getByRole('button', { name: 'Subscribe' })).toBeDisabled();
  await expect(business.getByRole('link', { name: 'Verify your business' })).toBeVisible();
  await guideShot(page, 'plans');

  await plans.card('Fiber Basic 100').getByRole('link', { name: 'Subscribe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Subscribe to Fiber Basic 100' })).toBeVisible();
  await expect(page.getByText('$29.99 per month')).toBeVisible();
  const asked = new Date(Date.now() - 1000);
  await page.getByRole('button', { name: 'Continue to sign' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Sign Fiber Basic 100' })).toBeVisible();
  await plans.signByKeyboard('Ben Basic', () => mailedCode(asked));
  await expect(page.getByTestId('checkout-result')).toContainText('You are subscribed to Fiber Basic 100.');

  await plans.goto('northwind');
  const card = plans.card('Fiber Basic 100');
  await expect(card.getByText('Current plan', { exact: true }).first()).toBeVisible();
  await expect(card.getByRole('button', { name: 'Current plan' })).toBeDisabled();
  await expect(plans.card('Fiber Pro 500').getByText('One plan at a time: cancel Fiber Basic 100 first.')).toBeVisible();
  const [row] = await owner`select state from subscriptions where user_id = ${(await ben()).id}`;
  expect(row!.state).toBe('signed');
});

test('the admin suspends Ben\'s plan: he sees the banner on his next page; after the resume it is gone', async ({ page, browser }) => {
  const id = await benSigned();
  await signIn(page, BEN);
  await expect(page.getByTestId('suspension-banner')).toHaveCount(0);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, 'admin@northwind.example');
  await admin.goto(`/t/northwind/subscriptions/${id}`);
  await admin.getByLabel('Suspension reason').selectOption('non_payment');
  await admin.getByLabel(/^Note/).fill('Invoice NW-2026-000042 unpaid');
  await admin.getByRole('button', { name: 'Suspend' }).click();
  await new ConfirmDialog(admin, /Suspend Fiber Basic 100 of Ben Basic/).confirm('Suspend');
  await expect(admin.getByText('Suspended', { exact: true }).first()).toBeVisible();

  // Ben's next page (a client-side move inside the portal) shows the banner, which cannot be dismissed.
  await page.getByRole('link', { name: 'See plans' }).or(page.getByRole('link', { name: 'Your plan' })).click();
  const banner = page.getByTestId('suspension-banner');
  await expect(banner).toContainText('Your Fiber Basic 100 subscription is suspended (payment failure)');
  await expect(banner).toContainText('Invoice NW-2026-000042 unpaid');
  await expect(banner.getByRole('button')).toHaveCount(0);
  await expect(banner.getByRole('link', { name: 'Resolve' })).toBeVisible();

  await admin.getByLabel(/^Note/).fill('Paid at the counter');
  await admin.getByRole('button', { name: 'Resume' }).click();
  await new ConfirmDialog(admin, /Resume Fiber Basic 100 of Ben Basic/).confirm('Resume');
  await expect(admin.getByText('Resume: suspended → signed')).toBeVisible();
  await adminContext.close();

  await page.goto('/t/northwind/account');
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(page.getByTestId('suspension-banner')).toHaveCount(0);
});

test('Ben cancels at the period end, sees "Cancels on", and keeps the subscription after all', async ({ page }) => {
  await benSigned();
  await signIn(page, BEN);
  const plans = new MyPlansPage(page);
  await plans.goto('northwind');
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Cancel Fiber Basic 100?' });
  await expect(dialog.getByLabel(/At period end/)).toBeChecked();
  await dialog.getByLabel('Reason (optional)').fill('Moving in the spring');
  await dialog.getByRole('button', { name: /^Cancel on / }).click();
  await expect(page.getByText(/^Cancels on /)).toBeVisible();
  const [scheduled] = await owner`select state, cancel_at_period_end from subscriptions where user_id = ${(await ben()).id}`;
  expect(scheduled).toEqual({ state: 'signed', cancel_at_period_end: true });

  await page.getByRole('button', { name: 'Keep subscription' }).click();
  await expect(page.getByRole('button', { name: 'Cancel subscription' })).toBeVisible();
  await expect(page.getByText(/^Cancels on /)).toHaveCount(0);
  const [kept] = await owner`select state, cancel_at_period_end from subscriptions where user_id = ${(await ben()).id}`;
  expect(kept).toEqual({ state: 'signed', cancel_at_period_end: false });
});

test('Ben moves down from Fiber Pro 500 to Fiber Basic 100: it starts when his paid period ends, and he can call it off', async ({ page }) => {
  await benSigned('Fiber Pro 500');
  const { tenant_id } = await ben();
  await owner`update tenant_settings set allow_plan_switching = true where tenant_id = ${tenant_id}`;
  await signIn(page, BEN);
  const plans = new MyPlansPage(page);
  await plans.goto('northwind');
  await plans.card('Fiber Basic 100').getByRole('link', { name: 'Switch to this plan' }).click();
  // The review says when it starts, and that nothing is cut short.
  const starts = page.getByText(/, when your Fiber Pro 500 period ends$/);
  await expect(starts).toBeVisible();
  const end = (await starts.textContent())!.replace(/, when your Fiber Pro 500 period ends$/, '');
  // A month from today, when the period he paid for ends: nothing starts early.
  expect(new Date(`${end} UTC`).getTime()).toBeGreaterThan(Date.now() + 27 * 86_400_000);
  await expect(page.getByText('Your Fiber Pro 500 subscription runs to the end of its period and ends then')).toBeVisible();
  const asked = new Date(Date.now() - 1000);
  await page.getByRole('button', { name: 'Continue to sign' }).click();
  await plans.signByKeyboard('Ben Basic', () => mailedCode(asked));
  await expect(page.getByTestId('checkout-result')).toContainText(`Signed. Fiber Basic 100 starts on ${end}`);

  await plans.goto('northwind');
  const controls = page.getByTestId('signing-controls');
  await expect(controls).toContainText('Switching to Fiber Basic 100 on');
  await expect(controls.getByRole('link', { name: 'Continue signing' })).toHaveCount(0);
  const rows = await owner`select p.name, s.state, s.cancel_at_period_end, s.starts_at is not null as scheduled from subscriptions s join plans p on p.id = s.plan_id
    where s.user_id = ${(await ben()).id} order by s.created_at`;
  expect(rows.map((r) => `${r.name}:${r.state}:${r.cancel_at_period_end}:${r.scheduled}`)).toEqual(['Fiber Pro 500:signed:true:false', 'Fiber Basic 100:signing:false:true']);
  // No invoice for the new plan yet: it is billed from the day it starts.
  const [{ n }] = (await owner`select count(*)::int as n from invoices i join subscriptions s on s.tenant_id = i.tenant_id and s.id = i.subscription_id join plans p on p.id = s.plan_id
    where i.user_id = ${(await ben()).id} and p.name = 'Fiber Basic 100'`) as unknown as [{ n: number }];
  expect(n).toBe(0);

  await controls.getByRole('button', { name: 'Cancel request' }).click();
  await new ConfirmDialog(page, 'Cancel your switch to Fiber Basic 100?').confirm('Cancel request');
  await expect(page.getByTestId('signing-controls')).toHaveCount(0);
  await page.getByRole('button', { name: 'Keep subscription' }).click();
  await expect(page.getByText(/Cancels on/)).toHaveCount(0);
});

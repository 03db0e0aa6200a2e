import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { e2eOwner } from './fixtures/db';
import { ConfirmDialog } from './pages/confirm-dialog';
import { SignInPage } from './pages/sign-in-page';

const owner = e2eOwner();
test.afterAll(() => owner.end());

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).goto('northwind');
  await new SignInPage(page).signInAndLand('northwind', 'admin@northwind.example');
});

test('the admin creates a plan: bad input is refused field by field, the price shows formatted, guests and admins are never offered', async ({ page }) => {
  const name = `Fiber Test ${randomBytes(2).toString('hex')}`;
  await page.goto('/t/northwind/plans');
  await page.getByRole('link', { name: 'New plan' }).click();
  const form = page.getByRole('form', { name: 'New plan' });
  await expect(form.getByRole('checkbox', { name: 'guest' })).toHaveCount(0);
  await expect(form.getByRole('checkbox', { name: 'admin' })).toHaveCount(0);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Price in minor units').fill('-5');
  await form.getByRole('checkbox', { name: 'basic' }).uncheck();
  await form.getByRole('button', { name: 'Create plan' }).click();
  await expect(form.getByText('Price cannot be below zero.')).toBeVisible();
  await expect(form.getByText('Choose at least one eligible type.')).toBeVisible();
  expect(await owner`select 1 from plans where name = ${name}`).toHaveLength(0);

  await form.getByLabel('Price in minor units').fill('4550');
  await expect(form.getByText('$45.50 (2999 is 29.99)')).toBeVisible();
  await form.getByRole('checkbox', { name: 'advanced' }).check();
  await form.getByLabel('Features').fill('Fast\nFriendly');
  await form.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const [row] = await owner`select price_minor, currency, available_for, features from plans where name = ${name}`;
  expect(row).toEqual({ price_minor: '4550', currency: 'USD', available_for: ['advanced'], features: ['Fast', 'Friendly'] });

  // Preview as basic: the new advanced-only plan is shown, explained, not offered.
  await page.goto('/t/northwind/plans?preview=basic');
  const card = page.getByTestId('plan-card').filter({ hasText: name });
  await expect(card.getByText('Available to advanced and company. You are basic.')).toBeVisible();
});

test('a price change on a plan with subscribers asks whether they get it, and the snapshot stays unless they do', async ({ page }) => {
  const [plan] = await owner`select p.id, p.price_minor from plans p join tenants t on t.id = p.tenant_id where t.slug = 'northwind' and p.name = 'Fiber Basic 100 (yearly)'`;
  const [count] = await owner`select count(*)::int as n from subscriptions where plan_id = ${plan!.id} and state in ('signing', 'signed', 'suspended')`;
  const n = count!.n as number;
  expect(n).toBeGreaterThan(0);
  await page.goto(`/t/northwind/plans/${plan!.id}`);
  const form = page.getByRole('form', { name: 'Edit Fiber Basic 100 (yearly)' });
  await form.getByLabel('Price in minor units').fill(String(Number(plan!.price_minor) + 1000));
  await form.getByRole('button', { name: 'Save plan' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Apply to ${n} current subscriber${n === 1 ? '' : 's'} from their next period?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'No, new subscribers only' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => Number((await owner`select price_minor from plans where id = ${plan!.id}`)[0]!.price_minor)).toBe(Number(plan!.price_minor) + 1000);
  const snapshots = await owner`select distinct price_minor, next_price_minor from subscriptions where plan_id = ${plan!.id} and state in ('signed', 'suspended')`;
  expect(snapshots).toEqual([{ price_minor: plan!.price_minor, next_price_minor: null }]);
  // Put it back for the other journeys.
  await owner`update plans set price_minor = ${plan!.price_minor} where id = ${plan!.id}`;

  // Delete is refused while the plan has history, with the way out.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Delete plan' })).toBeDisabled();
  await expect(page.getByText(/has subscription history .* Deactivate it/)).toBeVisible();
});

test('the admin discontinues a plan after seeing the impact', async ({ page }) => {
  const name = `Short Run ${randomBytes(2).toString('hex')}`;
  const [t] = await owner`select id from tenants where slug = 'northwind'`;
  const [p] = await owner`insert into plans (tenant_id, name, price_minor, currency, billing_cycle, available_for) values (${t!.id}, ${name}, 100, 'USD', 'monthly', '{basic}') returning id`;
  await page.goto(`/t/northwind/plans/${p!.id}`);
  await page.getByRole('button', { name: 'Discontinue plan' }).click();
  const dialog = new ConfirmDialog(page, `Discontinue ${name}?`);
  await expect(dialog.root()).toContainText('0 current subscribers will lose');
  await dialog.confirm('Discontinue');
  await expect(page.getByRole('button', { name: 'Discontinued' })).toBeDisabled();
  expect((await owner`select active, discontinued_at is not null as gone from plans where id = ${p!.id}`)[0]).toEqual({ active: false, gone: true });
});

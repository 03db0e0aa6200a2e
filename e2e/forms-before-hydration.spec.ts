import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { e2eOwner } from './fixtures/db';
import { holdScripts } from './fixtures/interactive';
import { SignInPage } from './pages/sign-in-page';

// A form whose fields react-hook-form fills with defaults writes them into the boxes as the page
// hydrates; its boxes are disabled until then, so nothing typed is lost (a user cannot type yet,
// and a script's fill waits for them). Sign-in, the first page of a visit, takes typing at once
// (e2e/sign-in.spec.ts).

const owner = e2eOwner();
test.afterAll(() => owner.end());

test('the sign-up form takes no typing before it can keep it, then keeps every word', async ({ page }) => {
  const email = `early.${randomBytes(3).toString('hex')}@example.net`;
  const release = await holdScripts(page);
  await page.goto('/t/northwind/signup', { waitUntil: 'commit' });
  // The server's form is there, and closed to typing.
  await expect(page.getByLabel('Your name')).toBeDisabled();
  await expect(page.getByLabel('Email')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Create account' })).toBeDisabled();
  release();
  // No waiting for the page: fill waits for the boxes to open.
  await page.getByLabel('Your name').fill('Early Bird');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple 7');
  await page.getByLabel(/I accept the terms/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Check your inbox: we sent a link to confirm your email.')).toBeVisible();
  const [user] = await owner`select u.name from users u join tenants t on t.id = u.tenant_id where t.slug = 'northwind' and u.email = ${email}`;
  expect(user?.name).toBe('Early Bird');
});

test('a settings form filled the moment the page opens saves what was typed, not its defaults', async ({ page }) => {
  await new SignInPage(page).goto('northwind');
  await new SignInPage(page).signInAndLand('northwind', 'admin@northwind.example');
  const [before] = await owner`select p.id, p.description from plans p join tenants t on t.id = p.tenant_id where t.slug = 'northwind' and p.name = 'Fiber Basic 100 (yearly)'`;
  const description = `Typed at once ${randomBytes(2).toString('hex')}`;
  await page.goto(`/t/northwind/plans/${before!.id}`);
  const form = page.getByRole('form', { name: 'Edit Fiber Basic 100 (yearly)' });
  await form.getByLabel('Description').fill(description);
  await expect(form.getByLabel('Description')).toHaveValue(description);
  await form.getByRole('button', { name: 'Save plan' }).click();
  await expect.poll(async () => (await owner`select description from plans where id = ${before!.id}`)[0]?.description).toBe(description);
  // The demo plan's own words back, for the journeys that show it.
  await owner`update plans set description = ${before!.description} where id = ${before!.id}`;
});

import { randomUUID } from 'node:crypto';
import { expect, pageAs, test } from '../fixtures/auth';
import { e2eOwner } from '../fixtures/db';
import { ConfirmDialog } from '../pages/confirm-dialog';

const owner = e2eOwner();
test.afterAll(() => owner.end());

/** A tenant of its own for this journey, with a user, a plan and a subscription to carry. */
async function plantTenant(status: 'active' | 'stopped') {
  const id = randomUUID();
  const slug = `off-${id.slice(0, 8)}`;
  await owner`insert into tenants (id, slug, name, status, stopped_at) values (${id}, ${slug}, ${`Offboarding ${slug}`}, ${status}, ${status === 'stopped' ? new Date(Date.now() - 31 * 86_400_000) : null})`;
  const [u] = await owner`insert into users (tenant_id, email, name, type) values (${id}, 'leaving@offboarding.example', 'Lee Leaving', 'basic') returning id`;
  const [p] = await owner`insert into plans (tenant_id, name, price_minor, currency, billing_cycle, available_for) values (${id}, 'Going Plan', 1000, 'USD', 'monthly', '{basic}') returning id`;
  await owner`insert into subscriptions (tenant_id, user_id, plan_id, state, price_minor, currency, billing_cycle, confirmed_at, anchor_at, current_period_start, current_period_end)
    values (${id}, ${u!.id}, ${p!.id}, 'signed', 1000, 'USD', 'monthly', now(), now(), now(), now() + interval '1 month')`;
  return { id, slug, name: `Offboarding ${slug}` };
}

test("a platform operator exports a tenant from its page: the worker builds the ZIP, and it downloads", async ({ browser }) => {
  const t = await plantTenant('active');
  const page = await pageAs(browser, 'platform');
  await page.goto(`/t/platform/partners/${t.id}`);
  await page.getByRole('button', { name: 'Export data' }).click();
  // The worker beside the server builds it; the page looks again every few seconds.
  const download = page.getByRole('list', { name: 'Exports of this tenant' }).getByRole('link', { name: 'Download' });
  await expect(download).toBeVisible({ timeout: 60_000 });
  const response = await page.request.get((await download.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/zip');
  const body = await response.body();
  expect(body.subarray(0, 2).toString()).toBe('PK');
  expect(body.includes(Buffer.from('subscriptions.csv'))).toBe(true);
  await page.context().close();
});

test('a tenant stopped 31 days ago has its data deleted after its slug is typed; the registry entry and audit trail stay', async ({ browser }) => {
  const t = await plantTenant('stopped');
  const page = await pageAs(browser, 'platform');
  await page.goto(`/t/platform/partners/${t.id}`);
  const form = page.getByRole('form', { name: "Delete this tenant's data" });
  await expect(form.getByRole('button', { name: 'Delete data' })).toBeDisabled();
  await form.getByLabel(`Type ${t.slug} to delete every row of this tenant's data (its audit trail stays)`).fill(t.slug);
  await form.getByRole('button', { name: 'Delete data' }).click();
  await new ConfirmDialog(page, `Delete all data of ${t.name}?`).confirm('Delete data');
  await expect(page.getByText(/Its data was deleted on/)).toBeVisible();
  expect(await owner`select 1 from users where tenant_id = ${t.id}`).toHaveLength(0);
  expect(await owner`select 1 from subscriptions where tenant_id = ${t.id}`).toHaveLength(0);
  expect(await owner`select action from audit_events where tenant_id = ${t.id} and action = 'tenant.data_deleted'`).toHaveLength(1);
  await page.context().close();
});

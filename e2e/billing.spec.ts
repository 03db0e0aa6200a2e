import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { e2eOwner } from './fixtures/db';
import { ConfirmDialog } from './pages/confirm-dialog';
import { SignInPage } from './pages/sign-in-page';
import { guideShot } from './fixtures/guide-shot';

// Billing journeys on the demo world: alice's consolidated view, a Northwind billing clerk, an end
// user paying by test card, and an export of 5,000 invoices. Each plants what it changes.
const owner = e2eOwner();
test.afterAll(() => owner.end());

async function signIn(page: Page, tenant: string, email: string) {
  const signInPage = new SignInPage(page);
  await signInPage.goto(tenant);
  await signInPage.signInAndLand(tenant, email);
}

/** A fresh open invoice on a live subscription of `email` in `slug`, due in 14 days. */
async function plantOpenInvoice(slug: string, email: string, totalMinor = 4500): Promise<{ id: string; number: string }> {
  const number = `E2E-2026-${Math.random().toString().slice(2, 8)}`;
  const [row] = await owner`
    insert into invoices (tenant_id, subscription_id, user_id, status, number, currency, period_start, period_end, due_at, subtotal_minor, total_minor)
    select s.tenant_id, s.id, s.user_id, 'open', ${number}, s.currency, p.start, p.start + interval '1 month', now() + interval '14 days', ${totalMinor}, ${totalMinor}
    from subscriptions s cross join (select now() + make_interval(days => 400 + (random() * 10000)::int) as start) p join users u on u.tenant_id = s.tenant_id and u.id = s.user_id join tenants t on t.id = s.tenant_id
    where t.slug = ${slug} and u.email = ${email} order by s.created_at desc limit 1 returning id`;
  await owner`insert into invoice_lines (tenant_id, invoice_id, position, kind, description, unit_minor, amount_minor, tax_rate_bps, tax_behavior, taxable_minor, tax_minor)
    select tenant_id, id, 0, 'charge', 'E2E plan', ${totalMinor}, ${totalMinor}, 0, 'exclusive', ${totalMinor}, 0 from invoices where id = ${row!.id}`;
  return { id: row!.id as string, number };
}

test('alice sees consolidated billing for the tenants she bills, and opens a Northwind invoice under the acting banner', async ({ page }) => {
  await signIn(page, 'acme-msp', 'alice@acme-msp.example');
  await page.goto('/t/all/billing');
  await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
  const byTenant = page.getByRole('table', { name: 'Billing by tenant' });
  await expect(byTenant.getByRole('link', { name: 'Northwind Fiber' })).toBeVisible();
  // Contoso's link (MSP support) grants no billing; Fabrikam's has expired.
  await expect(byTenant.getByText('Contoso Broadband')).toHaveCount(0);
  await expect(byTenant.getByText('Fabrikam Telecom')).toHaveCount(0);
  await expect(page.getByLabel('Billing summary')).toContainText('$');
  await guideShot(page, 'all-tenants-billing');
  await expect(page.getByLabel('Totals for the whole filter')).toContainText('invoices in USD');

  // Only overdue ones, from the URL-backed filter; each row names its tenant.
  await page.getByLabel('Status').selectOption('overdue');
  await expect(page).toHaveURL(/status=overdue/);
  const invoices = page.getByRole('table', { name: 'Invoices' });
  await expect(invoices.getByText('days overdue').first()).toBeVisible();
  const first = invoices.getByRole('link').first();
  const number = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/t\/northwind\/billing\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('acting-banner')).toContainText('Acting in Northwind Fiber');
  await expect(page.getByRole('heading', { name: new RegExp(`Invoice ${number}`) })).toBeVisible();
  await expect(page.getByTestId('dunning-notice')).toContainText('overdue');
});

test('a Northwind billing clerk records a payment and the invoice turns paid', async ({ page }) => {
  const invoice = await plantOpenInvoice('northwind', 'company@northwind.example', 16092);
  await signIn(page, 'northwind', 'billing@northwind.example');
  await page.goto(`/t/northwind/billing/invoices/${invoice.id}`);
  await expect(page.getByTestId('invoice-balance')).toHaveText('$160.92');
  const form = page.getByRole('form', { name: 'Record a payment' });
  // More than the balance is refused before anything is sent.
  await form.getByLabel('Amount (USD)').fill('200');
  await expect(form.getByText('At most $160.92, the balance.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Record payment' })).toBeDisabled();
  // A partial payment, then the rest.
  await form.getByLabel('Amount (USD)').fill('60.92');
  await form.getByLabel('Reference').fill('TRX-1');
  await form.getByRole('button', { name: 'Record payment' }).click();
  await new ConfirmDialog(page, /^Record \$60\.92 on/).confirm('Record payment');
  await expect(page.getByTestId('invoice-balance')).toHaveText('$100.00');
  await form.getByLabel('Amount (USD)').fill('100.00');
  await form.getByRole('button', { name: 'Record payment' }).click();
  await new ConfirmDialog(page, /^Record \$100\.00 on/).confirm('Record payment');
  await expect(page.getByRole('heading', { name: new RegExp(`Invoice ${invoice.number}`) })).toContainText('Paid');
  await expect(page.getByTestId('invoice-balance')).toHaveText('$0.00');
  await expect(page.getByRole('form', { name: 'Record a payment' })).toHaveCount(0);
  const [row] = await owner`select status, amount_paid_minor::int as paid from invoices where id = ${invoice.id}`;
  expect(row).toEqual({ status: 'paid', paid: 16092 });
});

test('an end user pays an open invoice with a test card; a declined card pays nothing', async ({ page }) => {
  const invoice = await plantOpenInvoice('northwind', 'advanced@northwind.example', 5999);
  await signIn(page, 'northwind', 'advanced@northwind.example');
  await page.goto('/t/northwind/account/invoices');
  await page.getByRole('link', { name: invoice.number }).click();
  const pay = page.getByRole('form', { name: `Pay invoice ${invoice.number}` });
  await pay.getByLabel('Card number').fill('4000 0000 0000 0002');
  await pay.getByLabel('Expiry (MM/YY)').fill('12/30');
  await pay.getByLabel('CVC').fill('123');
  await guideShot(page, 'pay-invoice');
  await pay.getByRole('button', { name: 'Pay $59.99' }).click();
  await expect(pay.getByRole('alert')).toContainText('Your card was declined.');
  expect((await owner`select status from invoices where id = ${invoice.id}`)[0]!.status).toBe('open');
  await pay.getByLabel('Card number').fill('4242 4242 4242 4242');
  await pay.getByRole('button', { name: 'Pay $59.99' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Invoice ${invoice.number}`) })).toContainText('Paid');
  const payments = await owner`select status, reference from payments where invoice_id = ${invoice.id} order by created_at`;
  expect(payments.map((p) => p.status)).toEqual(['declined', 'succeeded']);
  expect(payments.every((p) => !String(p.reference).includes('4242424242424242'))).toBe(true);
});

test('an export of 5,000 invoices runs in the background, shows its progress, and downloads', async ({ page }) => {
  const [globex] = await owner`select id from tenants where slug = 'globex'`;
  const [admin] = await owner`select id from users where tenant_id = ${globex!.id} and email = 'admin@globex.example'`;
  await owner`delete from export_jobs where tenant_id = ${globex!.id} and user_id = ${admin!.id}`;
  const [{ n }] = (await owner`select count(*)::int as n from invoices where tenant_id = ${globex!.id} and number like 'GLX-E2E-%'`) as unknown as [{ n: number }];
  if (n === 0) {
    await owner`insert into invoices (tenant_id, subscription_id, user_id, status, number, currency, period_start, period_end, issued_at, due_at, subtotal_minor, total_minor, amount_paid_minor, paid_at)
      select s.tenant_id, s.id, s.user_id, case when g % 3 = 0 then 'open' else 'paid' end, 'GLX-E2E-' || lpad(g::text, 6, '0'), 'USD',
             now() - make_interval(days => g), now() - make_interval(days => g) + interval '1 month', now() - make_interval(days => g), now() - make_interval(days => g - 14),
             3900, 3900, case when g % 3 = 0 then 0 else 3900 end, case when g % 3 = 0 then null else now() - make_interval(days => g - 3) end
      from subscriptions s cross join generate_series(1, 5000) g where s.tenant_id = ${globex!.id} order by s.created_at limit 5000`;
  }
  // What a running export looks like in the panel: a real progress bar with its numbers.
  await owner`insert into export_jobs (tenant_id, user_id, kind, status, params, tenant_ids, scope, file_name, total_rows, done_rows, started_at, created_at, expires_at)
    values (${globex!.id}, ${admin!.id}, 'invoices', 'running', '{}'::jsonb, ${owner.array([globex!.id])}::uuid[], 'Invoices of Globex', 'running.csv', 5000, 1200, now(), now() - interval '2 hours', now() + interval '7 days')`;

  await signIn(page, 'globex', 'admin@globex.example');
  await page.goto('/t/globex/billing');
  await page.getByTestId('exports-indicator').click();
  const running = page.getByTestId('export-row').filter({ hasText: 'running.csv' });
  await expect(running.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1200');
  await expect(running.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '5000');
  await expect(running).toContainText('1,200 of 5,000 rows');
  await page.keyboard.press('Escape');
  await owner`update export_jobs set status = 'cancelled' where file_name = 'running.csv' and tenant_id = ${globex!.id}`;

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = new ConfirmDialog(page, 'Export invoices of Globex Networks?');
  await expect(dialog.root()).toContainText('5,000 invoices');
  await dialog.confirm('Start export');
  await expect(page.getByText('Export started.')).toBeVisible();
  // It survives a reload: the panel reads it from the server.
  await page.reload();
  await page.getByTestId('exports-indicator').click();
  const row = page.getByTestId('export-row').filter({ hasText: /^invoices-globex-/ });
  await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(row).toContainText('5,000 rows');
  await expect(row).toContainText('Link expires in 7 days');
  const download = page.waitForEvent('download');
  await row.getByRole('link', { name: 'Download' }).click();
  const file = readFileSync((await (await download).path())!, 'utf8');
  const lines = file.trim().split('\n');
  expect(lines[0]).toMatch(/^invoice_number,tenant,customer_name/);
  expect(lines).toHaveLength(5001);
  expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(5000);
});

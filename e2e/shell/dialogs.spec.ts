import { e2eOwner } from '../fixtures/db';
import { expect, pageAs, test } from '../fixtures/auth';
import { ConfirmDialog } from '../pages/confirm-dialog';

test('a cross-tenant write asks first, naming the tenant; Cancel changes nothing', async ({ browser }) => {
  const owner = e2eOwner();
  const [ticket] = await owner<{ id: string; number: string; status: string }[]>`
    select k.id, k.number, k.status from tickets k join tenants t on t.id = k.tenant_id
    where t.slug = 'northwind' and k.status <> 'pending' order by k.number limit 1`;
  try {
    const page = await pageAs(browser, 'alice');
    await page.goto('/t/northwind/tickets');
    const select = page.getByLabel(`Status of ${ticket!.number}`);
    // The statuses it offers read as their badges do ("On hold"), not as keys.
    const offered = await select.locator('option').allTextContents();
    expect(offered.length, offered.join()).toBeGreaterThan(1);
    expect(offered.filter((t) => !/^[A-Z][a-z]+( [a-z]+)*$/.test(t)), offered.join()).toEqual([]);
    await select.selectOption('pending');
    const dialog = new ConfirmDialog(page, `Set ${ticket!.number} in Northwind Fiber to pending?`);
    await dialog.expectCancelFocused();
    await dialog.cancel();
    expect((await owner`select status from tickets where id = ${ticket!.id}`)[0]!.status).toBe(ticket!.status);

    await select.selectOption('pending');
    await dialog.confirm('Set to pending');
    await expect.poll(async () => (await owner`select status from tickets where id = ${ticket!.id}`)[0]!.status).toBe('pending');
    await page.context().close();
  } finally {
    await owner`update tickets set status = ${ticket!.status} where id = ${ticket!.id}`;
    await owner.end();
  }
});

test('revoking every link needs the tenant name typed; Cancel leaves every link live', async ({ browser }) => {
  const owner = e2eOwner();
  const live = async () =>
    (await owner`select count(*)::int as n from partner_tenant_links l join tenants t on t.id = l.partner_tenant_id
      where t.slug = 'acme-msp' and l.status = 'active'`)[0]!.n as number;
  try {
    const before = await live();
    const page = await pageAs(browser, 'acmeAdmin');
    await page.goto('/t/acme-msp/links');
    await page.getByRole('button', { name: 'Revoke all' }).click();
    const dialog = new ConfirmDialog(page, 'Revoke every link Acme Managed Services holds as a partner?');
    const confirm = dialog.confirmButton('Revoke all');
    await expect(confirm).toBeDisabled();
    await dialog.type('Acme');
    await expect(confirm).toBeDisabled();
    await dialog.type('Acme Managed Services');
    await expect(confirm).toBeEnabled();
    await page.keyboard.press('Escape');
    await expect(dialog.root()).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Revoke all' })).toBeFocused();
    expect(await live()).toBe(before);
    await page.context().close();
  } finally {
    await owner.end();
  }
});

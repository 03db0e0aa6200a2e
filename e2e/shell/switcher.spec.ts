import { expect, pageAs, test } from '../fixtures/auth';
import { PortalPage } from '../pages/portal-page';

test('the tenant switcher works from the keyboard alone: Ctrl+K, filter, arrows, Enter, Escape', async ({ browser }) => {
  const page = await pageAs(browser, 'alice');
  const portal = new PortalPage(page);
  await page.goto('/t/northwind/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  // Ctrl+K from anywhere opens it with focus in its filter, an APG combobox over a listbox.
  await page.keyboard.press('Control+k');
  const filter = page.getByRole('combobox', { name: 'Filter tenants' });
  await expect(filter).toBeFocused();
  await expect(filter).toHaveAttribute('aria-expanded', 'true');
  const listboxId = await filter.getAttribute('aria-controls');
  await expect(page.locator(`[id="${listboxId}"]`)).toHaveAttribute('role', 'listbox');
  // The active tenant is marked, and not only by colour or a check mark.
  await expect(portal.allTenants().filter({ hasText: 'Northwind Fiber' })).toHaveAttribute('aria-current', 'true');
  // An expired link is listed, disabled, with its date.
  await expect(portal.allTenants().filter({ hasText: 'Fabrikam' })).toHaveAttribute('aria-disabled', 'true');

  // Accent- and case-insensitive, by name or slug; nothing found says so.
  await filter.fill('zzz');
  await expect(page.getByText('No tenants match ‘zzz’')).toBeVisible();
  await filter.fill('CONTÓSO');
  await expect(page.getByRole('option')).toHaveText([/Contoso Broadband/]);
  await filter.fill('');
  await filter.fill('acme');
  await expect(page.getByRole('option')).toHaveText([/Acme Managed Services/]);

  // Escape closes and gives focus back to the trigger.
  await page.keyboard.press('Escape');
  await expect(filter).toHaveCount(0);
  await expect(portal.selector()).toBeFocused();

  // Down and Enter move to the same workspace in the chosen tenant; focus lands on its h1.
  await page.keyboard.press('Control+k');
  await expect(filter).toBeFocused();
  // A new opening starts from an empty filter.
  await expect(filter).toHaveValue('');
  await page.keyboard.type('cont');
  await expect(filter).toHaveAttribute('aria-activedescendant', /.+/);
  const active = await filter.getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${active}"]`)).toContainText('Contoso Broadband');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/t\/contoso\/users$/);
  // msp_support does not carry users.read: the users page answers 403 and names it.
  await expect(page.getByRole('heading', { level: 1, name: 'No access' })).toBeFocused();
  await expect(page.getByText('Switched to Contoso Broadband')).toBeAttached();

  // Recent tenants come first on the next open; a disabled tenant cannot be chosen.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('group', { name: 'Recent' }).getByRole('option')).toHaveText([/Contoso Broadband/]);
  await filter.fill('fabrikam');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/t\/contoso\/users$/);
  await page.keyboard.press('Escape');
  await page.context().close();
});

test('two tabs in two tenants stay in their own tenant through reload and history', async ({ browser }) => {
  const first = await pageAs(browser, 'alice');
  const second = await first.context().newPage();
  await first.goto('/t/northwind/users');
  await second.goto('/t/contoso/tickets');
  await first.reload();
  await second.reload();
  await expect(new PortalPage(first).banner()).toContainText('Acting in Northwind Fiber');
  await expect(new PortalPage(second).banner()).toContainText('Acting in Contoso Broadband');
  await second.goto('/t/northwind/tickets');
  await second.goBack();
  await expect(second).toHaveURL(/\/t\/contoso\/tickets$/);
  await expect(new PortalPage(second).banner()).toContainText('Acting in Contoso Broadband');
  await expect(new PortalPage(first).banner()).toContainText('Acting in Northwind Fiber');
  await first.context().close();
});

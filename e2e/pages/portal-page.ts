import { expect, type Page } from '@playwright/test';

/** The header every portal page shares: tenant selector, banner, sign out. */
export class PortalPage {
  constructor(readonly page: Page) {}

  selector() {
    return this.page.getByRole('button', { name: /^Switch tenant/ });
  }

  /** The switcher's options in its "All" group (every tenant; the All-tenants view is apart). */
  allTenants() {
    return this.page.getByRole('group', { name: 'All', exact: true }).getByRole('option');
  }

  /** A workspace link in the sidebar. */
  nav(label: string) {
    return this.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: label, exact: true });
  }

  /** One of the user's own pages (Sessions, My access) from the account menu. */
  async openAccountPage(label: string) {
    await this.page.getByRole('button', { name: /^Account menu/ }).click();
    await this.page.getByRole('menuitem', { name: label }).click();
  }

  async switchTo(tenantName: string) {
    await this.selector().click();
    await this.allTenants().filter({ hasText: tenantName }).click();
  }

  /** Each option of the switcher as "name slug · detail", with " (unavailable)" for disabled ones. */
  async selectorOptions(): Promise<string[]> {
    await this.selector().click();
    const options = await this.allTenants().evaluateAll((els) =>
      els.map((el) => `${(el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()}${el.getAttribute('aria-disabled') === 'true' ? ' (unavailable)' : ''}`),
    );
    await this.page.keyboard.press('Escape');
    return options;
  }

  /** The acting banner's sentence (its region also holds the way back home). */
  banner() {
    return this.page.getByRole('region', { name: 'Acting in another tenant' }).getByTestId('acting-banner');
  }

  async signOut() {
    await this.page.getByRole('button', { name: /^Account menu/ }).click();
    await this.page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(this.page).toHaveURL(/\/login$/);
  }
}

import { expect, type Page } from '@playwright/test';

/** The header every portal page shares: tenant selector, banner, sign out. */
export class PortalPage {
  constructor(readonly page: Page) {}

  selector() {
    return this.page.getByRole('button', { name: 'Switch tenant' });
  }

  async switchTo(tenantName: string) {
    await this.selector().click();
    await this.page.getByRole('menuitem', { name: new RegExp(tenantName) }).click();
  }

  async selectorOptions(): Promise<string[]> {
    await this.selector().click();
    const items = await this.page.getByRole('menuitem').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return items.map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** The acting banner's sentence (its region also holds the way back home). */
  banner() {
    return this.page.getByRole('region', { name: 'Acting in another tenant' }).getByTestId('acting-banner');
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.page).toHaveURL(/\/login$/);
  }
}

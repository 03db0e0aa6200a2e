import { expect, type Page } from '@playwright/test';

/** An end user's Plans page and checkout (app/(portal)/t/[tenant]/account/plans). */
export class MyPlansPage {
  constructor(private readonly page: Page) {}

  async goto(tenant: string) {
    await this.page.goto(`/t/${tenant}/account/plans`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Plans' })).toBeVisible();
  }

  card(name: string) {
    return this.page.getByTestId('plan-card').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The Sign step, by keyboard only: name, consent, code, then Enter. */
  async signByKeyboard(name: string, code: () => Promise<string>) {
    const sign = this.page.getByRole('button', { name: 'Sign', exact: true });
    await this.page.getByLabel('Your full name').focus();
    await this.page.keyboard.type(name);
    await this.page.keyboard.press('Tab');
    await expect(this.page.getByLabel(/I agree to the terms/)).toBeFocused();
    await this.page.keyboard.press('Space');
    await expect(sign).toBeDisabled();
    await this.page.keyboard.press('Tab');
    await expect(this.page.getByLabel('Confirmation code')).toBeFocused();
    await this.page.keyboard.type(await code());
    await expect(sign).toBeEnabled();
    await this.page.keyboard.press('Enter');
  }
}

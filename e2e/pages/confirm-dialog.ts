import { expect, type Page } from '@playwright/test';

/** The confirmation every destructive or cross-tenant write asks (components/forms/confirm-dialog.tsx). */
export class ConfirmDialog {
  constructor(
    private readonly page: Page,
    readonly title: string | RegExp,
  ) {}

  root() {
    return this.page.getByRole('alertdialog', { name: this.title });
  }

  async expectCancelFocused() {
    await expect(this.root().getByRole('button', { name: 'Cancel' })).toBeFocused();
  }

  /** Types what a high-impact confirmation asks for (a tenant's name). */
  async type(text: string) {
    await this.root().getByLabel(/^Type .* to confirm$/).fill(text);
  }

  confirmButton(action: string) {
    return this.root().getByRole('button', { name: action, exact: true });
  }

  async confirm(action: string) {
    await this.confirmButton(action).click();
    await expect(this.root()).toHaveCount(0);
  }

  async cancel() {
    await this.root().getByRole('button', { name: 'Cancel' }).click();
    await expect(this.root()).toHaveCount(0);
  }
}

import type { Page } from '@playwright/test';
import { ConfirmDialog } from './confirm-dialog';

/** The platform's Partners workspace: the registry table, registration, stop and reactivate. */
export class PartnersPage {
  constructor(private readonly page: Page) {}

  table() {
    return this.page.getByRole('table', { name: 'Tenants' });
  }

  row(name: string | RegExp) {
    return this.page.getByRole('row', { name: typeof name === 'string' ? new RegExp(name) : name });
  }

  registerForm() {
    return this.page.getByRole('form', { name: 'Register tenant' });
  }

  async register(values: { slug: string; name: string; adminEmail: string }) {
    const form = this.registerForm();
    await form.getByLabel('Slug').fill(values.slug);
    await form.getByLabel('Business name').fill(values.name);
    await form.getByLabel('First admin email').fill(values.adminEmail);
    await form.getByRole('button', { name: 'Register tenant' }).click();
  }

  /** The one-time set-password link shown after a registration. */
  async setPasswordLink(): Promise<string> {
    return (await this.page.getByTestId('set-password-link').locator('code').innerText()).trim();
  }

  /** Opens the stop confirmation for a tenant; the caller types its name and confirms. */
  async askToStop(name: string): Promise<ConfirmDialog> {
    await this.row(name).getByRole('button', { name: 'Stop' }).click();
    return new ConfirmDialog(this.page, `Stop ${name}?`);
  }
}

/** The one-time set-password page a new tenant admin opens. */
export class SetPasswordPage {
  constructor(private readonly page: Page) {}

  async setPassword(password: string) {
    await this.page.getByLabel('New password').fill(password);
    await this.page.getByLabel('Repeat the password').fill(password);
    await this.page.getByRole('button', { name: 'Set password' }).click();
  }
}

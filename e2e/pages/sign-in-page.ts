import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-pass-2026';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(tenant?: string) {
    await this.page.goto(tenant ? `/t/${tenant}/login` : '/login');
  }

  async signIn(tenant: string, email: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel('Tenant').fill(tenant);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in and waits to land: staff on the tenant's overview, end users on My account. */
  async signInAndLand(tenant: string, email: string, password = DEMO_PASSWORD) {
    await this.signIn(tenant, email, password);
    await this.page.waitForURL(new RegExp(`/t/${tenant}(/account)?$`));
  }

  async expectFailed() {
    // Next.js's route announcer is also role=alert; ours is the form's alert.
    await expect(this.page.locator('form [role="alert"]')).toHaveText(
      'Those details did not match an account. Check the tenant, email and password.',
    );
  }
}

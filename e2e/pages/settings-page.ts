import type { Page } from '@playwright/test';

/** The Settings workspace: feature toggles, session and usage policies, API limits. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/t/${slug}/settings`);
  }

  featureRow(name: string) {
    return this.page.getByRole('row', { name: new RegExp(name) });
  }

  policyForm(userType: string) {
    return this.page.getByRole('form', { name: `${userType} policy` });
  }

  policyRegion(userType: string) {
    return this.page.getByRole('region', { name: `${userType} users` });
  }
}

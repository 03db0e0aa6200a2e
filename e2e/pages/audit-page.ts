import type { Page } from '@playwright/test';
import { ExportsPanel } from './exports-panel';

/** The Audit workspace: filters, the events table, chain verification, CSV export. */
export class AuditPage {
  constructor(private readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/t/${slug}/audit`);
  }

  rows() {
    return this.page.getByRole('table', { name: 'Audit events' }).locator('tbody tr');
  }

  async filterByActor(email: string) {
    await this.page.getByLabel('Actor email').fill(email);
    await this.page.getByRole('button', { name: 'Filter' }).click();
  }

  async verify() {
    await this.page.getByRole('button', { name: 'Verify chain' }).click();
    return this.page.getByTestId('chain-verdict');
  }

  /** Exports the current filters as a background job, downloads the file and returns its text. */
  async exportCsv(): Promise<string> {
    const exports = new ExportsPanel(this.page);
    await exports.start(/^Export the audit log of /);
    return (await exports.download(/^audit-/)).text;
  }
}

/** The Access workspace: what partners' staff did here. */
export class AccessPage {
  constructor(private readonly page: Page) {}

  table() {
    return this.page.getByRole('table', { name: 'Partner access' });
  }
}

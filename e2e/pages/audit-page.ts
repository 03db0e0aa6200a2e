import type { Page } from '@playwright/test';

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

  /** Downloads the CSV export of the current filters and returns its text. */
  async exportCsv(): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: 'Export CSV' }).click();
    const stream = await (await download).createReadStream();
    return new Response(stream as unknown as ReadableStream).text();
  }
}

/** The Access workspace: what partners' staff did here. */
export class AccessPage {
  constructor(private readonly page: Page) {}

  table() {
    return this.page.getByRole('table', { name: 'Partner access' });
  }
}

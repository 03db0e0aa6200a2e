import type { Page } from '@playwright/test';

export class UsersPage {
  constructor(private readonly page: Page) {}

  table() {
    return this.page.getByRole('table', { name: 'Users' });
  }

  async emails(): Promise<string[]> {
    return this.table().locator('tbody tr td:nth-child(2)').allInnerTexts();
  }

  async search(text: string) {
    await this.page.getByLabel('Search users').fill(text);
    await this.page.getByRole('button', { name: 'Search' }).click();
  }
}

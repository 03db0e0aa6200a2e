import { expect, type Page } from '@playwright/test';

export class UsersPage {
  constructor(private readonly page: Page) {}

  table() {
    return this.page.getByRole('table', { name: 'Users' });
  }

  /** The Email column, wherever the table puts it (a selection column may come first). */
  async emails(): Promise<string[]> {
    const headers = await this.table().locator('thead th').allInnerTexts();
    const column = headers.findIndex((h) => h.trim() === 'Email') + 1;
    return this.table().locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
  }

  /** Types in the search box; the list follows after its debounce (the URL carries q). */
  async search(text: string) {
    await this.page.getByRole('searchbox', { name: 'Search name or email' }).fill(text);
    await this.page.waitForURL((url) => url.searchParams.get('q') === text);
    await expect(this.table()).not.toHaveAttribute('aria-busy', 'true');
  }
}

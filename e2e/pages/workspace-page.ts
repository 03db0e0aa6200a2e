import type { Page } from '@playwright/test';

/** What every workspace page shares: its navigation, its tickets table, and the 403 page. */
export class WorkspacePage {
  constructor(private readonly page: Page) {}

  navLink(label: string) {
    return this.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: label });
  }

  ticketsTable() {
    return this.page.getByRole('table', { name: 'Tickets' });
  }

  /** The tenant's 403 page: the workspace exists here, and names the permission it needs. */
  noAccess() {
    return this.page.getByRole('heading', { name: 'No access' });
  }
}

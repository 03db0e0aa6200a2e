import type { Page } from '@playwright/test';
import { ConfirmDialog } from './confirm-dialog';

/** The Links workspace: requests to answer, live links to revoke, new requests. */
export class LinksPage {
  constructor(private readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/t/${slug}/links`);
  }

  row(partyName: string) {
    return this.page.getByRole('row', { name: new RegExp(partyName) });
  }

  requestForm() {
    return this.page.getByRole('form', { name: 'Request a link' });
  }

  /** Opens the approval, which names what the link grants; the caller checks it and confirms. */
  async askToApprove(partner: string, role: string, tenant: string): Promise<ConfirmDialog> {
    await this.row(partner).getByRole('button', { name: 'Approve' }).click();
    return new ConfirmDialog(this.page, `Give ${partner} access to ${tenant} (${role})?`);
  }

  async askToRevoke(partner: string, tenant: string, direction: 'incoming' | 'outgoing'): Promise<ConfirmDialog> {
    await this.row(partner).getByRole('button', { name: 'Revoke' }).click();
    return new ConfirmDialog(this.page, direction === 'incoming' ? `Revoke ${partner}'s access to ${tenant}?` : `Revoke ${tenant}'s access to ${partner}?`);
  }
}

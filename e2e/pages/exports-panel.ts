import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { ConfirmDialog } from './confirm-dialog';

/**
 * An export as a user runs it (components/exports): "Export CSV", the dialog that says what,
 * then the Exports panel in the header until the file is ready, and its download.
 */
export class ExportsPanel {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('exports-indicator').click();
  }

  row(fileName: RegExp) {
    return this.page.getByTestId('export-row').filter({ hasText: fileName });
  }

  /** Starts the export of the list on screen; resolves when the server has accepted it. */
  async start(dialogTitle: string | RegExp) {
    await this.page.getByRole('button', { name: 'Export CSV' }).click();
    await new ConfirmDialog(this.page, dialogTitle).confirm('Start export');
    await expect(this.page.getByText('Export started.')).toBeVisible();
  }

  /** Waits in the panel for the newest file matching `fileName` and downloads it. */
  async download(fileName: RegExp): Promise<{ name: string; text: string }> {
    await this.open();
    const row = this.row(fileName).first();
    await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    const download = this.page.waitForEvent('download');
    await row.getByRole('link', { name: 'Download' }).click();
    const file = await download;
    const text = readFileSync((await file.path())!, 'utf8');
    await this.page.keyboard.press('Escape');
    return { name: file.suggestedFilename(), text };
  }
}

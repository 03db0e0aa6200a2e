import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The made-up sample documents shipped in samples/kyc/ (README lists them). */
export const sample = (name: string) => path.join(process.cwd(), 'samples', 'kyc', name);

/** The end user's KYC stepper (/t/<slug>/account/verify). */
export class KycStepperPage {
  constructor(private readonly page: Page) {}

  step(n: number, of: number, title: string) {
    return this.page.getByRole('heading', { level: 2, name: `Step ${n} of ${of}: ${title}` });
  }

  async continue() {
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  async fillDetails(v: { legalName: string; dateOfBirth: string; country: string; address: string }) {
    await this.page.getByLabel('Legal name (as on your document)').fill(v.legalName);
    await this.page.getByLabel('Date of birth').fill(v.dateOfBirth);
    await this.page.getByLabel('Country (two letters, e.g. us)').fill(v.country);
    await this.page.getByLabel('Address').fill(v.address);
  }

  async upload(slot: string, file: string) {
    await this.page.getByLabel(new RegExp(`^(Upload|Replace): ${slot}`)).setInputFiles(file);
    await expect(this.page.getByRole('img', { name: `Uploaded: ${path.basename(file)}` })).toBeVisible();
  }

  /** From the intro to submitted, with a passport. */
  async verifyWithPassport(legalName: string) {
    await expect(this.step(1, 5, 'What we need')).toBeVisible();
    await this.continue();
    await expect(this.step(2, 5, 'Personal details')).toBeVisible();
    await this.fillDetails({ legalName, dateOfBirth: '1990-01-15', country: 'us', address: '1 Sample Street, Springfield' });
    await this.continue();
    await expect(this.step(3, 5, 'Identity document')).toBeVisible();
    await this.page.getByLabel('Document type').selectOption('passport');
    await this.page.getByLabel('Valid until').fill('2032-06-30');
    await this.upload('Front of the document', sample('passport.png'));
    await this.continue();
    await expect(this.step(4, 5, 'Selfie (optional)')).toBeVisible();
    await this.page.getByRole('button', { name: 'Skip' }).click();
    await expect(this.step(5, 5, 'Review and submit')).toBeVisible();
    await expect(this.page.getByRole('region', { name: 'Personal details' })).toContainText(legalName);
    await this.page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(this.page.getByText('In review, usually within 1 business day.')).toBeVisible();
  }
}

/** The reviewer's queue and review screen (/t/<slug>/kyc). */
export class KycReviewPage {
  constructor(private readonly page: Page) {}

  async open(slug: string, applicant: string) {
    await this.page.goto(`/t/${slug}/kyc`);
    const table = this.page.getByRole('table', { name: 'KYC submissions' });
    await table.getByRole('link', { name: applicant }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: new RegExp(`: ${applicant}$`) })).toBeVisible();
  }

  async decide(choice: 'Approve' | 'Request resubmission' | 'Reject (final)') {
    await this.page.getByRole('radio', { name: choice }).check();
  }

  async submit(label: string) {
    await this.page.getByRole('region', { name: 'Decision' }).getByRole('button', { name: label, exact: true }).click();
  }
}

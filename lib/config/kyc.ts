import type { KycDocumentType, KycKind, KycSlot, KycState } from './enums';

// The KYC stepper's steps, shared by the page (what to show) and the server (where to resume,
// what submitting requires). A leaf module: no zod, so client components can import it.

export type KycFields = {
  legalName?: string | null;
  dateOfBirth?: string | null;
  country?: string | null;
  address?: string | null;
  documentType?: KycDocumentType | null;
  documentExpiresOn?: string | null;
  companyName?: string | null;
  registrationNumber?: string | null;
};

export type KycStep = {
  key: 'intro' | 'details' | 'document' | 'selfie' | 'review';
  title: string;
  fields: (keyof KycFields)[];
  files: (f: KycFields) => KycSlot[];
  optional?: boolean;
};

/** Passports have one page to photograph; ID cards and driving licences a front and a back. */
export const needsBack = (type: KycDocumentType | null | undefined) => type === 'national_id' || type === 'driving_licence';

const none = () => [] as KycSlot[];

export const kycSteps: Record<KycKind, KycStep[]> = {
  identity: [
    { key: 'intro', title: 'What we need', fields: [], files: none },
    { key: 'details', title: 'Personal details', fields: ['legalName', 'dateOfBirth', 'country', 'address'], files: none },
    { key: 'document', title: 'Identity document', fields: ['documentType', 'documentExpiresOn'], files: (f) => (needsBack(f.documentType) ? ['front', 'back'] : ['front']) },
    { key: 'selfie', title: 'Selfie (optional)', fields: [], files: none, optional: true },
    { key: 'review', title: 'Review and submit', fields: [], files: none },
  ],
  address: [
    { key: 'intro', title: 'What we need', fields: [], files: none },
    { key: 'details', title: 'Your address', fields: ['address', 'country'], files: none },
    { key: 'document', title: 'Proof of address', fields: [], files: () => ['proof'] },
    { key: 'review', title: 'Review and submit', fields: [], files: none },
  ],
  business: [
    { key: 'intro', title: 'What we need', fields: [], files: none },
    { key: 'details', title: 'Company details', fields: ['companyName', 'registrationNumber', 'country'], files: none },
    { key: 'document', title: 'Registration document', fields: [], files: () => ['registration'] },
    { key: 'review', title: 'Review and submit', fields: [], files: none },
  ],
};

export const kycKindLabels: Record<KycKind, string> = {
  identity: 'Identity check',
  address: 'Proof of address (advanced)',
  business: 'Business verification (company)',
};

export const documentTypeLabels: Record<KycDocumentType, string> = {
  passport: 'Passport',
  national_id: 'National ID card',
  driving_licence: 'Driving licence',
  proof_of_address: 'Proof of address',
  company_registration: 'Company registration',
};

export const slotLabels: Record<KycSlot, string> = {
  front: 'Front of the document',
  back: 'Back of the document',
  selfie: 'Selfie',
  proof: 'Proof of address (a utility bill or bank statement)',
  registration: 'Company registration document',
};

/** What is still missing from a step; empty when the step is complete. */
export function missingInStep(step: KycStep, fields: KycFields, slots: ReadonlySet<KycSlot>): string[] {
  const missing: string[] = step.fields.filter((f) => !fields[f]);
  for (const slot of step.files(fields)) if (!slots.has(slot)) missing.push(slot);
  return missing;
}

/** Where a returning applicant resumes: the first required step with something missing, else review. */
export function resumeStep(kind: KycKind, fields: KycFields, slots: ReadonlySet<KycSlot>, started: boolean): number {
  const steps = kycSteps[kind];
  if (!started) return 0;
  const index = steps.findIndex((s, i) => i > 0 && !s.optional && s.key !== 'review' && missingInStep(s, fields, slots).length > 0);
  return index >= 0 ? index : steps.length - 1;
}

export const kycStateLabels: Record<KycState, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  in_review: 'In review',
  verified: 'Verified',
  resubmission_requested: 'Resubmission requested',
  rejected: 'Rejected',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** What a reviewer can ask an applicant to fix, in the words the applicant reads. */
export const resubmissionReasons = {
  blurry: 'The document photo is blurry or cut off. Take it again in good light, with all four corners visible.',
  expired_document: 'The document has expired. Upload a document that is still valid.',
  name_mismatch: 'The name you entered does not match the document. Enter it exactly as printed.',
  missing_back: 'The back of the document is missing. Upload both sides.',
  wrong_document: 'This is not one of the accepted documents for this step.',
  selfie_mismatch: 'The selfie does not clearly show the person on the document.',
} as const;
export type ResubmissionReason = keyof typeof resubmissionReasons;

import 'server-only';
import type { NextRequest } from 'next/server';
import { kycSlots, type KycSlot } from '@/lib/config/enums';
import { AppError } from '@/lib/errors';
import { checkUpload, MAX_UPLOAD_BYTES, type CheckedFile } from '@/lib/kyc/files';
import { kycFieldsSchema, type KycFieldsInput } from '@/lib/validation/account';
import { parseOrThrow } from './route';

/** A whole request may carry every slot at its limit, and the form's own text. */
const MAX_REQUEST_BYTES = kycSlots.length * MAX_UPLOAD_BYTES + 64 * 1024;

/**
 * A KYC step from the request: JSON (fields only) or multipart/form-data (fields as text parts,
 * files in parts named after their slot: front, back, selfie, proof, registration). Every file
 * is checked by its bytes (lib/kyc/files.ts) before anything is written.
 */
export async function readKycStep(req: NextRequest): Promise<{ fields: KycFieldsInput; files: CheckedFile[] }> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      throw new AppError('VALIDATION_ERROR', 'Send JSON, or multipart/form-data with files.');
    }
    return { fields: parseOrThrow(kycFieldsSchema, body, 'body'), files: [] };
  }
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > MAX_REQUEST_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The upload is ${(length / 1048576).toFixed(1)} MB; each file may be at most 10 MB.`, { limitBytes: MAX_UPLOAD_BYTES });
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new AppError('VALIDATION_ERROR', 'The form could not be read: the upload was incomplete or malformed. Try again.');
  }
  const fields: Record<string, unknown> = {};
  const files: CheckedFile[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name === 'submit') fields.submit = value === 'true';
      else if (value !== '') fields[name] = value;
      continue;
    }
    if (!(kycSlots as readonly string[]).includes(name)) {
      throw new AppError('VALIDATION_ERROR', `Unknown file part "${name.slice(0, 40)}".`, { fieldErrors: { files: [`Name file parts ${kycSlots.join(', ')}.`] } });
    }
    files.push(await checkUpload(name as KycSlot, value.name, Buffer.from(await value.arrayBuffer())));
  }
  return { fields: parseOrThrow(kycFieldsSchema, fields, 'body'), files };
}

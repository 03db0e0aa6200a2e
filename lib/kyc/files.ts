import 'server-only';
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '@/lib/errors';
import type { KycSlot } from '@/lib/config/enums';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const ALLOWED = new Map([
  ['image/jpeg', 'JPEG'],
  ['image/png', 'PNG'],
  ['application/pdf', 'PDF'],
]);

export type CheckedFile = { slot: KycSlot; fileName: string; contentType: string; sizeBytes: number; sha256: string; data: Buffer };

const slotField = (slot: KycSlot) => `files.${slot}`;

/**
 * Decides what an upload is from its bytes, never from its name or the browser's type: the
 * signature (file-type) must be JPEG, PNG or PDF, the name's extension must not claim another
 * type, and the file must be whole (a PNG ends with IEND, a JPEG with its end-of-image marker,
 * a PDF with %%EOF), so a truncated upload is refused rather than stored.
 */
export async function checkUpload(slot: KycSlot, fileName: string, data: Buffer): Promise<CheckedFile> {
  const name = fileName.replace(/[\\/]/g, '_').replace(/[\u0000-\u001F\u007F]/g, '').slice(0, 200) || 'upload';
  const refuse = (rule: string) => new AppError('VALIDATION_ERROR', `${name}: ${rule}`, { fieldErrors: { [slotField(slot)]: [`${name}: ${rule}`] } });
  if (data.length === 0) throw refuse('the file is empty.');
  if (data.length > MAX_UPLOAD_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${name}: the file is ${(data.length / 1048576).toFixed(1)} MB; the limit is 10 MB.`, {
      fieldErrors: { [slotField(slot)]: [`${name}: at most 10 MB.`] },
    });
  }
  const detected = await fileTypeFromBuffer(data);
  const kind = detected && ALLOWED.get(detected.mime);
  if (!detected || !kind) throw refuse(`only JPEG, PNG or PDF files are accepted${detected ? ` (this file is ${detected.ext.toUpperCase()})` : ''}.`);
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const claims = ext && { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }[ext];
  if (ext && claims !== detected.mime) throw refuse(`the name says .${ext} but the content is ${kind}.`);
  if (!isWhole(detected.mime, data)) throw refuse(`the ${kind} file is incomplete (it was cut off). Upload it again.`);
  return { slot, fileName: name, contentType: detected.mime, sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data };
}

const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

function isWhole(mime: string, data: Buffer): boolean {
  const tail = data.subarray(Math.max(0, data.length - 1024));
  if (mime === 'image/png') return data.length >= 8 + PNG_END.length && data.subarray(data.length - PNG_END.length).equals(PNG_END);
  if (mime === 'image/jpeg') {
    // Some encoders pad after the end-of-image marker; it must be there, near the end.
    const end = tail.lastIndexOf(Buffer.from([0xff, 0xd9]));
    return end >= 0 && tail.subarray(end + 2).every((b) => b === 0x00 || b === 0x0a || b === 0x0d);
  }
  return tail.includes('%%EOF');
}

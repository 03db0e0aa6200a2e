import { z } from 'zod';

export const idSchema = z.uuid({ message: 'Must be an id (UUID).' });

export const limitSchema = z.coerce
  .number({ message: 'limit must be a number.' })
  .int('limit must be a whole number.')
  .min(1, 'limit must be at least 1.')
  .max(100, 'limit must be at most 100.')
  .default(50);

/** Opaque keyset cursor: base64url of JSON. Only the server reads what is inside. */
export const cursorSchema = z.string().max(200).optional();

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | null {
  if (!cursor) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type Page<T> = { items: T[]; nextCursor: string | null };

/** A page's search params with one value each ("" and repeats dropped), ready for a zod schema. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]));
}

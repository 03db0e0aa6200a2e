import { z } from './zod';

export const idSchema = z.uuid({ message: 'Must be an id (UUID).' });

export const limitSchema = z.coerce
  .number({ message: 'limit must be a number.' })
  .int('limit must be a whole number.')
  .min(1, 'limit must be at least 1.')
  .max(100, 'limit must be at most 100.')
  .default(50);

/** Opaque keyset cursor: base64url of JSON. Only the server reads what is inside. */
export const cursorSchema = z.string().max(1000).optional();

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

/**
 * A page of a sortable list: both directions, and where the page starts (0-based), for
 * "Showing 51-100". The offset is a display hint carried in the cursor, never a query offset.
 */
export type SortedPage<T> = Page<T> & { prevCursor: string | null; offset: number };

/** What a bulk action did to one row. */
export type BulkOutcome = { id: string; outcome: 'succeeded' | 'skipped' | 'failed'; reason?: string };

/** The ids a bulk action names: 1 to 100 distinct ids. */
export const bulkIdsSchema = z
  .array(idSchema)
  .min(1, 'Select at least one row.')
  .max(100, 'At most 100 rows at once.')
  .refine((ids) => new Set(ids).size === ids.length, 'Each row once.');

/** A sort as the URL and the API carry it: `<column>.<asc|desc>`. */
export const sortSchema = <const C extends readonly [string, ...string[]]>(columns: C, fallback: `${C[number]}.${'asc' | 'desc'}`) =>
  z
    .string()
    .regex(new RegExp(`^(${columns.join('|')})\\.(asc|desc)$`), `sort must be one of ${columns.map((c) => `${c}.asc, ${c}.desc`).join(', ')}.`)
    .default(fallback)
    .transform((s) => s as `${C[number]}.${'asc' | 'desc'}`);

export const CONTROL_CHARACTERS = 'Text may not contain NUL or other control characters.';
// C0 controls except tab, line feed and carriage return (descriptions keep their lines), and DEL.
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * The path of the first string in an input (query, params, body, action arguments) that holds a
 * control character, or null. One rule for every string input: PostgreSQL refuses NUL in text,
 * and no field of this portal has a use for the others.
 */
export function controlCharacterPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return controls.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = controlCharacterPath(v, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = controlCharacterPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** A timestamp as PostgreSQL prints it (`2026-11-22 10:00:00.123+00`), the key keyset cursors carry. */
export const timestampKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/);

export { sensibleDate } from './dates';

/** A page's search params with one value each ("" and repeats dropped), ready for a zod schema. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]));
}

/** A route's `[id]` segment. */
export const idParamsSchema = z.object({ id: idSchema });

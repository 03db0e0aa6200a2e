import 'server-only';
import type { z } from 'zod';
import { csvRow } from '@/lib/csv';
import { AppError } from '@/lib/errors';
import { decodeCursor, encodeCursor, type Page } from '@/lib/validation/common';

// What every list does: keyset pages (fetch limit + 1, cut, encode the last row's key), LIKE
// patterns that match user text literally, and CSV exports streamed one page per transaction.

/** A page from rows fetched with `limit + 1`: the extra row only says there is a next page. */
export function toPage<R, T, C>(rows: readonly R[], limit: number, item: (row: R) => T, cursorOf: (last: R) => C): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(item), nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/**
 * The keyset position a cursor carries; null without one. A cursor that does not decode to the
 * list's shape (forged, or from another list) is 422 `VALIDATION_ERROR` on `cursor`, never a
 * database error.
 */
export function readCursor<C>(cursor: string | undefined, shape: z.ZodType<C>): C | null {
  if (!cursor) return null;
  const position = decodeCursor(cursor, shape);
  if (position === null) throw new AppError('VALIDATION_ERROR', 'That page link is not valid; start from the first page.', { fieldErrors: { cursor: ['Not a cursor of this list.'] } });
  return position;
}

/** `%text%` for ILIKE, with the user's `%`, `_` and `\` matched literally. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;
/** `text%` for LIKE, with the user's wildcards matched literally. */
export const prefixPattern = (text: string) => `${escapeLike(text)}%`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A CSV download: the header, then `next(after)` page after page (each its own short
 * transaction, so a slow reader holds no transaction open) until a page comes back short.
 */
export function csvStream<R, C>(opts: {
  columns: readonly string[];
  pageSize: number;
  next: (after: C | null, limit: number) => Promise<readonly R[]>;
  cursorOf: (last: R) => C;
  cells: (row: R) => readonly unknown[];
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: C | null = null;
  let state: 'header' | 'rows' | 'done' = 'header';
  return new ReadableStream({
    async pull(controller) {
      if (state === 'header') {
        state = 'rows';
        controller.enqueue(encoder.encode(csvRow(opts.columns) + '\n'));
        return;
      }
      if (state === 'done') return controller.close();
      const rows = await opts.next(after, opts.pageSize);
      if (rows.length < opts.pageSize) state = 'done';
      if (rows.length === 0) return controller.close();
      after = opts.cursorOf(rows.at(-1)!);
      controller.enqueue(encoder.encode(rows.map((r) => csvRow(opts.cells(r))).join('\n') + '\n'));
    },
  });
}

import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { decodeCursor, encodeCursor, type Page, type SortedPage } from '@/lib/validation/common';

// What every list does: keyset pages (fetch limit + 1, cut, encode the last row's key) and LIKE
// patterns that match user text literally.

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
 * Keyset paging in both directions over a sortable list. The cursor carries the boundary row's
 * sort key and id, the direction, and the offset of the page it leads to (for "Showing 51-100";
 * only ever displayed). A list names its sortable columns: the column, the expression whose text
 * is the key, and the SQL type the key is read back as.
 */
export type SortColumn = { column: AnyPgColumn; key: SQL; type: 'timestamptz' | 'text' };

const keysetCursorShape = z.object({
  k: z.string().max(600),
  i: z.uuid(),
  d: z.enum(['next', 'prev']),
  o: z.number().int().min(0).max(10_000_000),
});
type KeysetCursor = z.infer<typeof keysetCursorShape>;

/** A cursor to the rows after (key, id) in a list's order: what Next carries (the bench builds one). */
export const keysetCursorAfter = (key: string, id: string) => encodeCursor({ k: key, i: id, d: 'next', o: 0 } satisfies KeysetCursor);

export type Keyset = {
  /** The boundary condition (undefined on the first page). */
  where: SQL | undefined;
  orderBy: SQL[];
  /** Select it as `sortKey`: the cursor is built from it. */
  sortKey: SQL<string>;
  cursor: KeysetCursor | null;
};

export function keyset(columns: Record<string, SortColumn>, id: AnyPgColumn, sort: string, cursor: string | undefined): Keyset {
  const [field, order] = sort.split('.') as [string, 'asc' | 'desc'];
  const col = columns[field];
  if (!col) throw new AppError('VALIDATION_ERROR', 'That sort is not available.', { fieldErrors: { sort: [`Not a sortable column: ${field}.`] } });
  const after = readCursor(cursor, keysetCursorShape);
  // Reading backwards flips the order; the page is reversed again before it is shown.
  const ascending = (order === 'asc') !== (after?.d === 'prev');
  const typed = after ? (col.type === 'timestamptz' ? sql`${after.k}::timestamptz` : sql`${after.k}::text`) : null;
  return {
    where: after ? sql`(${col.column}, ${id}) ${ascending ? sql`>` : sql`<`} (${typed}, ${after.i}::uuid)` : undefined,
    orderBy: ascending ? [sql`${col.column} asc`, sql`${id} asc`] : [sql`${col.column} desc`, sql`${id} desc`],
    sortKey: sql<string>`${col.key}`,
    cursor: after,
  };
}

/**
 * The page from rows fetched with `limit + 1` in keyset order. Going back to the very start
 * with fewer rows than a page is answered by `restart` (the first page, read forwards).
 */
export async function keysetPage<R extends { sortKey: string; id: string }, T>(
  rows: readonly R[],
  limit: number,
  ks: Keyset,
  item: (row: R) => T,
  restart: () => Promise<SortedPage<T>>,
): Promise<SortedPage<T>> {
  const more = rows.length > limit;
  const backwards = ks.cursor?.d === 'prev';
  if (backwards && !more) return restart();
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const offset = ks.cursor?.o ?? 0;
  const first = page[0];
  const last = page.at(-1);
  const at = (row: R, d: 'next' | 'prev', o: number) => encodeCursor({ k: row.sortKey, i: row.id, d, o } satisfies KeysetCursor);
  return {
    items: page.map(item),
    nextCursor: last && (backwards || more) ? at(last, 'next', offset + page.length) : null,
    prevCursor: first && offset > 0 ? at(first, 'prev', Math.max(0, offset - limit)) : null,
    offset,
  };
}

'use client';

import {
  columnVisibilityFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowSelectionState,
  type ColumnVisibilityState as VisibilityState,
  type RowData,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown, Columns3 } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Input } from '@/components/ui/input';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { cn } from '@/lib/utils';
import { BulkBar, type BulkAction } from './bulk-bar';
import { PAGE_SIZES, useTypedBeforeHydration, type ListQuery } from './use-list-query';

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowSelectionFeature,
  columnVisibilityFeature,
});
export type DataColumn<T extends RowData> = ColumnDef<typeof dataTableFeatures, T>;

// The column choice lives in this browser's storage, per user and table; the server renders every
// column, and the saved choice applies after hydration.
const COLUMNS_EVENT = 'portal:columns';
function subscribeColumns(onChange: () => void) {
  window.addEventListener('storage', onChange);
  window.addEventListener(COLUMNS_EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(COLUMNS_EVENT, onChange);
  };
}
function readVisibility(raw: string): VisibilityState {
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as VisibilityState)
      : {};
  } catch {
    return {};
  }
}

type PageInfo = { nextCursor: string | null; prevCursor?: string | null; offset?: number };

type Props<T extends RowData & { id: string }> = {
  /** Names the table's saved column choice (with the user). */
  id: string;
  label: string;
  /** Whose column choice this is: the user's id. */
  owner: string;
  columns: DataColumn<T>[];
  rows: T[];
  page: PageInfo;
  list: ListQuery;
  /** The sort the server applied (`column.asc|desc`, or '' for the list's own order); only columns with enableSorting sort. */
  sort: string;
  /** The search box's label; null for a list without free-text search. */
  searchLabel?: string | null;
  /** The list's own filters (selects), drawn left of the column menu. */
  filters?: React.ReactNode;
  /** Shown when the list has no rows at all and nothing filters it. */
  firstUse: React.ReactNode;
  bulkActions?: BulkAction<T>[];
  rowLabel?: (row: T) => string;
  /** False for a short list shown whole (no Previous, Next or page size). */
  paged?: boolean;
};

/**
 * The one data table (TanStack Table, headless): search, filters, server-side sort, keyset pages
 * with Previous and Next, page size, a column menu saved per user and table, row selection with
 * a bulk action bar, and loading, empty, no-results states. Everything that changes the rows
 * lives in the URL (see useListQuery); the server renders the rows.
 */
export function DataTable<T extends RowData & { id: string }>({
  id,
  label,
  owner,
  columns,
  rows,
  page,
  list,
  sort,
  searchLabel,
  filters,
  firstUse,
  bulkActions,
  rowLabel,
  paged = true,
}: Props<T>) {
  const storageKey = `portal.columns.${owner}.${id}`;
  const saved = useSyncExternalStore(
    subscribeColumns,
    () => localStorage.getItem(storageKey) ?? '{}',
    () => '{}',
  );
  const columnVisibility = useMemo(() => readVisibility(saved), [saved]);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // The box is uncontrolled: React never writes over what was typed in it, not even what was
  // typed before the page became interactive (a controlled box was reset to the URL's `q` as it
  // hydrated, and the words were lost).
  const searchBox = useRef<HTMLInputElement>(null);
  useTypedBeforeHydration(searchBox, list.values.q, list.setSearch);
  const [field, direction] = sort.split('.') as [string, 'asc' | 'desc'];

  // New rows (another page, filter or sort): the selection was of rows no longer shown.
  const [shownRows, setShownRows] = useState(rows);
  if (shownRows !== rows) {
    setShownRows(rows);
    setRowSelection({});
  }
  // The URL can change without typing (back, Clear filters): the box follows it, unless the
  // user is typing in it (the URL then trails their words by the debounce and a navigation).
  useEffect(() => {
    const box = searchBox.current;
    if (box && document.activeElement !== box && box.value !== list.values.q) box.value = list.values.q;
  }, [list.values.q]);

  const selectable = Boolean(bulkActions?.length);
  const allColumns = useMemo<DataColumn<T>[]>(
    () =>
      selectable
        ? [
            {
              id: 'select',
              enableHiding: false,
              enableSorting: false,
              header: ({ table }) => (
                <input
                  type="checkbox"
                  aria-label="Select all rows on this page"
                  className="size-4"
                  checked={table.getIsAllPageRowsSelected()}
                  ref={(el) => {
                    if (el) el.indeterminate = table.getIsSomePageRowsSelected();
                  }}
                  onChange={(e) => table.toggleAllPageRowsSelected(e.target.checked)}
                />
              ),
              cell: ({ row }) => (
                <input
                  type="checkbox"
                  aria-label={`Select ${rowLabel ? rowLabel(row.original) : row.id}`}
                  className="size-4"
                  checked={row.getIsSelected()}
                  onChange={(e) => row.toggleSelected(e.target.checked)}
                />
              ),
            },
            ...columns,
          ]
        : columns,
    [columns, selectable, rowLabel],
  );

  const table = useTable({
    features: dataTableFeatures,
    columns: allColumns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableRowSelection: selectable,
    state: { columnVisibility, rowSelection, sorting: field ? [{ id: field, desc: direction === 'desc' }] : [] },
    onColumnVisibilityChange: (updater) => {
      localStorage.setItem(
        storageKey,
        JSON.stringify(typeof updater === 'function' ? updater(columnVisibility) : updater),
      );
      window.dispatchEvent(new Event(COLUMNS_EVENT));
    },
    onRowSelectionChange: (updater) =>
      setRowSelection((old) => (typeof updater === 'function' ? updater(old) : updater)),
  });

  const selected = table.getSelectedRowModel().rows.map((r) => r.original);
  const offset = page.offset ?? 0;
  const visibleCount = table.getVisibleLeafColumns().length;
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-2">
        {searchLabel !== null && (
          <div role="search" className="min-w-56 flex-1 sm:max-w-sm">
            <Input
              ref={searchBox}
              type="search"
              defaultValue={list.values.q}
              onChange={(e) => list.setSearch(e.target.value)}
              placeholder={searchLabel ?? 'Search'}
              aria-label={searchLabel ?? 'Search'}
            />
          </div>
        )}
        {filters}
        {list.filtersActive && (
          <Button variant="ghost" size="sm" onClick={list.clearFilters}>
            Clear filters
          </Button>
        )}
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="sm" className="ml-auto">
              <Columns3 className="size-4" aria-hidden />
              Columns
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuLabel>Show columns</DropdownMenuLabel>
            {hideable.map((c) => (
              <DropdownMenuCheckboxItem
                key={c.id}
                checked={c.getIsVisible()}
                onCheckedChange={(v) => c.toggleVisibility(Boolean(v))}
                onSelect={(e) => e.preventDefault()}
              >
                {typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id}
              </DropdownMenuCheckboxItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>

      {selectable && (
        <BulkBar
          actions={bulkActions!}
          selected={selected}
          rowLabel={rowLabel ?? ((r) => r.id)}
          onClear={() => setRowSelection({})}
        />
      )}

      <Table aria-label={label} aria-busy={list.pending || undefined}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const sortable =
                  header.column.getCanSort() && header.column.columnDef.enableSorting === true;
                const sorted = header.column.id === field ? direction : null;
                return (
                  <TableHead
                    key={header.id}
                    aria-sort={
                      sorted
                        ? sorted === 'asc'
                          ? 'ascending'
                          : 'descending'
                        : sortable
                          ? 'none'
                          : undefined
                    }
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="hover:bg-secondary -mx-2 inline-flex items-center gap-1 rounded px-2 py-1"
                        onClick={() =>
                          list.setSort(
                            `${header.column.id}.${sorted === 'asc' ? 'desc' : sorted === 'desc' ? 'asc' : header.column.columnDef.sortDescFirst ? 'desc' : 'asc'}`,
                          )
                        }
                      >
                        <table.FlexRender header={header} />
                        {sorted === 'asc' ? (
                          <ArrowUp className="size-3" aria-hidden />
                        ) : sorted === 'desc' ? (
                          <ArrowDown className="size-3" aria-hidden />
                        ) : (
                          <ArrowUpDown className="size-3 opacity-40" aria-hidden />
                        )}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {list.pending
            ? Array.from({ length: Math.min(Math.max(rows.length, 3), 10) }, (_, i) => (
                <TableRow key={`skeleton-${i}`} aria-hidden>
                  {Array.from({ length: visibleCount }, (_, j) => (
                    <TableCell key={j}>
                      <div className="bg-muted h-4 w-full max-w-40 animate-pulse rounded" />
                    </TableCell>
                  ))}
                </TableRow>
              ))
            : table.getRowModel().rows.map((row) => (
                <TableRow
                  key={row.id}
                  data-state={row.getIsSelected() ? 'selected' : undefined}
                  className={cn(row.getIsSelected() && 'bg-secondary/60')}
                >
                  {row.getVisibleCells().map((cell) => (
                    <TableCell key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
          {!list.pending && rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={visibleCount} className="text-muted-foreground py-10 text-center">
                {list.filtersActive ? (
                  <div className="flex flex-col items-center gap-2">
                    <p>No results match these filters.</p>
                    <Button variant="outline" size="sm" onClick={list.clearFilters}>
                      Clear filters
                    </Button>
                  </div>
                ) : list.values.cursor ? (
                  <div className="flex flex-col items-center gap-2">
                    <p>Nothing more on this page.</p>
                    <Button variant="outline" size="sm" onClick={() => list.setCursor(null)}>
                      First page
                    </Button>
                  </div>
                ) : (
                  firstUse
                )}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>

      <nav aria-label={`${label} pages`} className="flex flex-wrap items-center gap-3 text-sm">
        <p aria-live="polite" className="text-muted-foreground">
          {rows.length === 0
            ? ''
            : page.offset === undefined && list.values.cursor
              ? `Showing ${rows.length} more`
              : `Showing ${offset + 1}–${offset + rows.length}`}
        </p>
        {paged && (
          <>
            {page.prevCursor === undefined ? (
              // A list without backward paging (All tenants): back to its first page.
              <Button
                variant="outline"
                size="sm"
                disabled={!list.values.cursor}
                onClick={() => list.setCursor(null)}
              >
                First page
              </Button>
            ) : (
              <Button
                variant="outline"
                size="sm"
                disabled={!page.prevCursor}
                onClick={() => list.setCursor(page.prevCursor ?? null)}
              >
                Previous
              </Button>
            )}
            <Button
              variant="outline"
              size="sm"
              disabled={!page.nextCursor}
              onClick={() => page.nextCursor && list.setCursor(page.nextCursor)}
            >
              Next
            </Button>
            <label className="ml-auto flex items-center gap-2">
              Rows per page
              <select
                className="bg-background h-8 rounded-md border px-2"
                value={list.values.size ?? 50}
                onChange={(e) => list.setSize(Number(e.target.value))}
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </nav>
    </div>
  );
}

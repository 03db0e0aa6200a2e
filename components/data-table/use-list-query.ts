'use client';

import { debounce, parseAsInteger, parseAsString, useQueryStates } from 'nuqs';
import { useTransition } from 'react';

export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * A list's state in the URL (nuqs): search `q`, `sort`, `cursor`, page `size` and the list's own
 * filters. Every change re-renders the server page (shallow: false) inside one transition, so
 * the table can show that it is loading and a newer change supersedes an older one. Filters,
 * sort and size push a history entry and go back to the first page; typing in the search box is
 * debounced and replaces the entry instead of adding one per keystroke.
 */
export function useListQuery<F extends string>(filterKeys: readonly F[]) {
  const [pending, startTransition] = useTransition();
  const parsers = {
    q: parseAsString.withDefault(''),
    sort: parseAsString,
    cursor: parseAsString,
    size: parseAsInteger,
    ...(Object.fromEntries(filterKeys.map((k) => [k, parseAsString])) as Record<F, typeof parseAsString>),
  };
  const [state, setState] = useQueryStates(parsers, { shallow: false, startTransition, history: 'push' });
  const values = state as unknown as { q: string; sort: string | null; cursor: string | null; size: number | null } & Record<F, string | null>;
  const filtersActive = values.q !== '' || filterKeys.some((k) => values[k] !== null);

  return {
    pending,
    values,
    filtersActive,
    setSearch: (q: string) => void setState({ q: q.trim() ? q : null, cursor: null } as never, { history: 'replace', limitUrlUpdates: debounce(300) }),
    setFilter: (key: F, value: string | null) => void setState({ [key]: value || null, cursor: null } as never),
    /** Several filters at once (a filter form's submit): one history entry. */
    setFilters: (patch: Partial<Record<F, string | null>>) =>
      void setState({ ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, (v as string | null) || null])), cursor: null } as never),
    setSort: (sort: string | null) => void setState({ sort, cursor: null } as never),
    setCursor: (cursor: string | null) => void setState({ cursor } as never),
    setSize: (size: number) => void setState({ size, cursor: null } as never),
    clearFilters: () => void setState({ q: null, cursor: null, ...Object.fromEntries(filterKeys.map((k) => [k, null])) } as never),
  };
}

/** What the data table needs of a list's URL state (the list's own filters stay with the list). */
export type ListQuery = {
  pending: boolean;
  values: { q: string; sort: string | null; cursor: string | null; size: number | null };
  filtersActive: boolean;
  setSearch: (q: string) => void;
  setSort: (sort: string | null) => void;
  setCursor: (cursor: string | null) => void;
  setSize: (size: number) => void;
  clearFilters: () => void;
};

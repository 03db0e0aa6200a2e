'use client';

import { parseAsInteger, parseAsString, useQueryStates } from 'nuqs';
import { useEffect, useRef, useTransition, type RefObject } from 'react';

/** How long the search box waits after the last keystroke before the list follows. */
const SEARCH_DEBOUNCE_MS = 300;

export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * A list's state in the URL (nuqs): search `q`, `sort`, `cursor`, page `size` and the list's own
 * filters. Every change re-renders the server page (shallow: false) inside one transition, so
 * the table can show that it is loading and a newer change supersedes an older one. Filters,
 * sort and size push a history entry and go back to the first page; typing in the search box is
 * debounced and replaces the entry instead of adding one per keystroke.
 *
 * The search debounce is ours, not nuqs's `limitUrlUpdates: debounce()`: nuqs debounces each
 * key on its own timer, so `q` and `cursor` reached the URL in two flushes, and the second
 * router.replace (about 100 ms later) superseded a link the user had clicked in between.
 * One timer, then one update of both keys, is one navigation.
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
  const searchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelSearch = () => clearTimeout(searchTimer.current);
  useEffect(() => {
    const timer = searchTimer;
    return () => clearTimeout(timer.current);
  }, []);

  return {
    pending,
    values,
    filtersActive,
    setSearch: (q: string) => {
      cancelSearch();
      searchTimer.current = setTimeout(() => void setState({ q: q.trim() ? q : null, cursor: null } as never, { history: 'replace' }), SEARCH_DEBOUNCE_MS);
    },
    setFilter: (key: F, value: string | null) => void setState({ [key]: value || null, cursor: null } as never),
    /** Several filters at once (a filter form's submit): one history entry. */
    setFilters: (patch: Partial<Record<F, string | null>>) =>
      void setState({ ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, (v as string | null) || null])), cursor: null } as never),
    setSort: (sort: string | null) => void setState({ sort, cursor: null } as never),
    setCursor: (cursor: string | null) => void setState({ cursor } as never),
    setSize: (size: number) => void setState({ size, cursor: null } as never),
    clearFilters: () => {
      cancelSearch();
      void setState({ q: null, cursor: null, ...Object.fromEntries(filterKeys.map((k) => [k, null])) } as never);
    },
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

/**
 * Words typed into a search box before the page became interactive are in the box but reached no
 * handler: search for them once it is (the server rendered the box with the URL's `q`). The box
 * must be uncontrolled (`defaultValue`): React resets a controlled box to its value as it
 * hydrates, and the words are gone before this runs.
 */
export function useTypedBeforeHydration(box: RefObject<HTMLInputElement | null>, q: string, search: (typed: string) => void): void {
  useEffect(() => {
    const typed = box.current?.value ?? '';
    if (typed !== q) search(typed);
    // Once, on hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

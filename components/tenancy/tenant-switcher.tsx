'use client';

import { Check, ChevronsUpDown, Globe, Loader2, Star } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useRouter, useSelectedLayoutSegment } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { linkAccessRoleLabels, type LinkAccessRole } from '@/lib/config/enums';
import { tenantAccent } from '@/lib/tenancy/accent';
import { cn } from '@/lib/utils';
import { ALL_TENANTS, switchTarget } from '@/lib/workspaces';

export type SwitcherTenant = {
  slug: string;
  name: string;
  /** null for the user's home tenant. */
  accessRole: string | null;
  available: boolean;
  tenantStatus?: 'active' | 'stopped';
  state?: string;
  startsAt?: string;
  endsAt?: string | null;
};

const RECENT_KEY = 'portal.recent-tenants';
const FAVOURITES_KEY = 'portal.favourite-tenants';
const SWITCHED_KEY = 'portal.switched-to';

/** Case- and accent-insensitive matching ("northwínd" finds Northwind). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : null);

/** Why a tenant cannot be chosen now, or when its access ends. */
function detail(t: SwitcherTenant): string {
  if (!t.accessRole) return 'home';
  const role = linkAccessRoleLabels[t.accessRole as LinkAccessRole] ?? t.accessRole;
  if (t.tenantStatus === 'stopped') return `${role} · tenant stopped`;
  if (t.state === 'expired') return `${role} · expired ${day(t.endsAt)}`;
  if (t.state === 'not_started') return `${role} · starts ${day(t.startsAt)}`;
  return t.endsAt ? `${role} · until ${day(t.endsAt)}` : role;
}

/**
 * The same workspace in the other tenant keeps the list's filters (search, status, sort, page
 * size), but not what names one tenant's rows: the cursor, a detail id (switchTarget drops it),
 * the All-tenants tenant filter.
 */
function withFilters(target: string, segment: string | null): string {
  if (!segment || !target.endsWith(`/${segment}`)) return target;
  const params = new URLSearchParams(window.location.search);
  params.delete('cursor');
  params.delete('tenant');
  return params.size ? `${target}?${params}` : target;
}

/** A list of slugs kept in this browser (recent tenants, favourites); bad values read as none. */
function readSlugs(key: string, max: number): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, max) : [];
  } catch {
    return [];
  }
}
const readRecent = () => readSlugs(RECENT_KEY, 5);
const readFavourites = () => readSlugs(FAVOURITES_KEY, 50);

/**
 * The tenant switcher: Ctrl+K / Cmd+K from anywhere, a filter that is an APG combobox over a
 * listbox (Up, Down, Enter; Escape closes and returns focus to the trigger). It moves to the same
 * workspace in the chosen tenant (the registry decides), then puts focus on the new page's h1
 * and announces the switch.
 */
export function TenantSwitcher({ tenants, activeSlug, allTenants }: { tenants: SwitcherTenant[]; activeSlug: string; allTenants: number | null }) {
  const router = useRouter();
  const segment = useSelectedLayoutSegment();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [recent, setRecent] = useState<string[]>([]);
  const [favourites, setFavourites] = useState<string[]>([]);
  // The All-tenants mode is one more choice, first, for partner staff with a live link.
  const allOption: SwitcherTenant | null = allTenants ? { slug: ALL_TENANTS, name: `All tenants (${allTenants})`, accessRole: null, available: true } : null;
  const allName = allOption?.name;
  const liveRef = useRef<HTMLParagraphElement>(null);
  const [pending, startTransition] = useTransition();
  const listId = useId();
  const optionId = (key: string) => `${listId}-${key}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const active = activeSlug === ALL_TENANTS && allOption ? allOption : tenants.find((t) => t.slug === activeSlug);

  // Every opening starts from an empty filter and re-reads the recent tenants.
  const openSwitcher = useCallback(() => {
    setQuery('');
    setIndex(0);
    setRecent(readRecent());
    setFavourites(readFavourites());
    setOpen(true);
  }, []);

  // Ctrl+K / Cmd+K opens it from anywhere (the browser's own shortcut is suppressed).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openSwitcher();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openSwitcher]);

  // After a switch the page is new: focus its h1 and say where we are.
  useEffect(() => {
    const switched = sessionStorage.getItem(SWITCHED_KEY);
    if (!switched) return;
    sessionStorage.removeItem(SWITCHED_KEY);
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1) {
      h1.tabIndex = -1;
      h1.focus();
    }
    if (liveRef.current) liveRef.current.textContent = `Switched to ${switched}`;
  }, [activeSlug]);

  const groups = useMemo(() => {
    const q = fold(query.trim());
    const views = allName ? [{ slug: ALL_TENANTS, name: allName, accessRole: null, available: true }] : [];
    const matches = [...views, ...tenants].filter((t) => !q || fold(t.name).includes(q) || t.slug.includes(q));
    if (q) return [{ label: 'Matching tenants', key: 'match', items: matches }];
    const pick = (slugs: string[]) => slugs.map((slug) => tenants.find((t) => t.slug === slug)).filter((t): t is SwitcherTenant => Boolean(t));
    const recentItems = pick(recent);
    const favouriteItems = pick(favourites);
    return [
      ...(views.length > 0 ? [{ label: 'Views', key: 'views', items: views }] : []),
      ...(recentItems.length > 0 ? [{ label: 'Recent', key: 'recent', items: recentItems }] : []),
      ...(favouriteItems.length > 0 ? [{ label: 'Favourites', key: 'favourites', items: favouriteItems }] : []),
      { label: 'All', key: 'all', items: tenants },
    ];
  }, [query, recent, favourites, tenants, allName]);
  const flat = groups.flatMap((g) => g.items.map((t) => ({ key: `${g.key}-${t.slug}`, tenant: t })));
  const current = flat[Math.min(index, flat.length - 1)];

  const choose = (t: SwitcherTenant) => {
    if (!t.available) return;
    const nextRecent = [t.slug, ...readRecent().filter((s) => s !== t.slug)].slice(0, 5);
    localStorage.setItem(RECENT_KEY, JSON.stringify(nextRecent));
    setOpen(false);
    if (t.slug === activeSlug) return;
    sessionStorage.setItem(SWITCHED_KEY, t.name);
    startTransition(() => router.push(withFilters(switchTarget(segment, t.slug), segment)));
  };

  // Alt+F (or a click on the star) marks the highlighted tenant as a favourite, or unmarks it.
  const toggleFavourite = (t: SwitcherTenant) => {
    const now = readFavourites();
    const next = now.includes(t.slug) ? now.filter((s) => s !== t.slug) : [...now, t.slug];
    localStorage.setItem(FAVOURITES_KEY, JSON.stringify(next));
    setFavourites(next);
    if (liveRef.current) liveRef.current.textContent = next.includes(t.slug) ? `${t.name} added to favourites` : `${t.name} removed from favourites`;
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      if (current) toggleFavourite(current.tenant);
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (flat.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setIndex((i) => (Math.min(i, flat.length - 1) + step + flat.length) % flat.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current) choose(current.tenant);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setIndex(e.key === 'Home' ? 0 : flat.length - 1);
    }
  };

  return (
    <>
      <Dialog.Root
        open={open}
        onOpenChange={(next) => (next ? openSwitcher() : setOpen(false))}
      >
        <Dialog.Trigger asChild>
          <Button
            variant="outline"
            size="sm"
            className={cn('min-w-48 justify-between border-l-4', activeSlug === ALL_TENANTS && 'bg-sky-50 text-sky-950')}
            style={{ borderLeftColor: activeSlug === ALL_TENANTS ? '#0369a1' : tenantAccent(activeSlug) }}
          >
            {/* The accessible name starts with what the control does and contains the visible name. */}
            <span className="sr-only">Switch tenant, current: </span>
            {activeSlug === ALL_TENANTS && <Globe className="size-4" aria-hidden />}
            <span className="truncate">{active?.name ?? activeSlug}</span>
            {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <ChevronsUpDown className="size-4 opacity-60" aria-hidden />}
            <kbd className="hidden rounded border px-1 text-[10px] text-muted-foreground sm:inline" aria-hidden>
              Ctrl K
            </kbd>
          </Button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
          <Dialog.Content
            className="fixed left-1/2 top-24 z-50 w-full max-w-lg -translate-x-1/2 rounded-lg border bg-popover p-2 text-popover-foreground shadow-lg"
            onOpenAutoFocus={(e) => {
              e.preventDefault();
              inputRef.current?.focus();
            }}
          >
            <Dialog.Title className="sr-only">Switch tenant</Dialog.Title>
            <Dialog.Description className="sr-only">Type to filter by name or slug; Up and Down move, Enter switches, Alt+F marks a favourite, Escape closes.</Dialog.Description>
            <input
              ref={inputRef}
              role="combobox"
              aria-label="Filter tenants"
              aria-expanded="true"
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={current ? optionId(current.key) : undefined}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setIndex(0);
              }}
              onKeyDown={onKeyDown}
              placeholder="Filter by name or slug"
              className="h-10 w-full rounded-md border bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
            />
            <div id={listId} role="listbox" aria-label="Tenants" className="mt-2 max-h-80 overflow-y-auto">
              {flat.length === 0 && (
                <p role="presentation" className="px-3 py-6 text-center text-sm text-muted-foreground">
                  No tenants match &lsquo;{query.trim()}&rsquo;
                </p>
              )}
              {groups.map((g) =>
                g.items.length === 0 ? null : (
                  <div key={g.key} role="group" aria-labelledby={`${listId}-${g.key}-label`}>
                    <div id={`${listId}-${g.key}-label`} role="presentation" className="px-3 pb-1 pt-2 text-xs font-medium text-muted-foreground">
                      {g.label}
                    </div>
                    {g.items.map((t) => {
                      const key = `${g.key}-${t.slug}`;
                      const focused = current?.key === key;
                      return (
                        <div
                          key={key}
                          id={optionId(key)}
                          role="option"
                          aria-selected={focused}
                          aria-disabled={!t.available || undefined}
                          aria-current={t.slug === activeSlug ? 'true' : undefined}
                          onMouseMove={() => setIndex(flat.findIndex((f) => f.key === key))}
                          onClick={() => choose(t)}
                          className={cn(
                            'flex cursor-default items-center gap-2 rounded-sm px-3 py-2 text-sm',
                            focused && 'bg-accent text-accent-foreground',
                            !t.available && 'opacity-60',
                          )}
                        >
                          <Check className={cn('size-4 shrink-0', t.slug !== activeSlug && 'invisible')} aria-hidden />
                          {t.slug === ALL_TENANTS ? (
                            <Globe className="size-3 shrink-0" aria-hidden />
                          ) : (
                            <span className="size-2 shrink-0 rounded-full" style={{ background: tenantAccent(t.slug) }} aria-hidden />
                          )}
                          <span className="flex-1">
                            {t.name} <span className="font-mono text-xs text-muted-foreground">{t.slug}</span>
                          </span>
                          <span className="text-xs text-muted-foreground">{t.slug === ALL_TENANTS ? 'every tenant you manage' : detail(t)}</span>
                          {t.slug !== ALL_TENANTS && (
                            <span
                              aria-hidden
                              title={favourites.includes(t.slug) ? 'Remove from favourites (Alt+F)' : 'Add to favourites (Alt+F)'}
                              onClick={(e) => {
                                e.stopPropagation();
                                toggleFavourite(t);
                              }}
                            >
                              <Star className={cn('size-4', favourites.includes(t.slug) ? 'fill-amber-400 text-amber-500' : 'text-muted-foreground/50')} />
                            </span>
                          )}
                          {favourites.includes(t.slug) && <span className="sr-only">, favourite</span>}
                        </div>
                      );
                    })}
                  </div>
                ),
              )}
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <p ref={liveRef} aria-live="polite" className="sr-only" />
    </>
  );
}

'use client';

import { Check, ChevronsUpDown, Loader2 } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useRouter, useSelectedLayoutSegment } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { linkAccessRoleLabels, type LinkAccessRole } from '@/lib/config/enums';
import { tenantAccent } from '@/lib/tenancy/accent';
import { cn } from '@/lib/utils';
import { switchTarget } from '@/lib/workspaces';

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

function readRecent(): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 5) : [];
  } catch {
    return [];
  }
}

/**
 * The tenant switcher: Ctrl+K / Cmd+K from anywhere, a filter that is an APG combobox over a
 * listbox (Up, Down, Enter; Escape closes and returns focus to the trigger). It moves to the same
 * workspace in the chosen tenant (the registry decides), then puts focus on the new page's h1
 * and announces the switch.
 */
export function TenantSwitcher({ tenants, activeSlug }: { tenants: SwitcherTenant[]; activeSlug: string }) {
  const router = useRouter();
  const segment = useSelectedLayoutSegment();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [recent, setRecent] = useState<string[]>([]);
  const liveRef = useRef<HTMLParagraphElement>(null);
  const [pending, startTransition] = useTransition();
  const listId = useId();
  const optionId = (key: string) => `${listId}-${key}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const active = tenants.find((t) => t.slug === activeSlug);

  // Every opening starts from an empty filter and re-reads the recent tenants.
  const openSwitcher = useCallback(() => {
    setQuery('');
    setIndex(0);
    setRecent(readRecent());
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
    const matches = tenants.filter((t) => !q || fold(t.name).includes(q) || t.slug.includes(q));
    if (q) return [{ label: 'Matching tenants', key: 'match', items: matches }];
    const recentItems = recent.map((slug) => tenants.find((t) => t.slug === slug)).filter((t): t is SwitcherTenant => Boolean(t));
    return [
      ...(recentItems.length > 0 ? [{ label: 'Recent', key: 'recent', items: recentItems }] : []),
      { label: 'All tenants', key: 'all', items: tenants },
    ];
  }, [query, recent, tenants]);
  const flat = groups.flatMap((g) => g.items.map((t) => ({ key: `${g.key}-${t.slug}`, tenant: t })));
  const current = flat[Math.min(index, flat.length - 1)];

  const choose = (t: SwitcherTenant) => {
    if (!t.available) return;
    const nextRecent = [t.slug, ...readRecent().filter((s) => s !== t.slug)].slice(0, 5);
    localStorage.setItem(RECENT_KEY, JSON.stringify(nextRecent));
    setOpen(false);
    if (t.slug === activeSlug) return;
    sessionStorage.setItem(SWITCHED_KEY, t.name);
    startTransition(() => router.push(switchTarget(segment, t.slug)));
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
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
          <Button variant="outline" size="sm" className="min-w-48 justify-between border-l-4" style={{ borderLeftColor: tenantAccent(activeSlug) }}>
            {/* The accessible name starts with what the control does and contains the visible name. */}
            <span className="sr-only">Switch tenant, current: </span>
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
            <Dialog.Description className="sr-only">Type to filter by name or slug; Up and Down move, Enter switches, Escape closes.</Dialog.Description>
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
                          <span className="size-2 shrink-0 rounded-full" style={{ background: tenantAccent(t.slug) }} aria-hidden />
                          <span className="flex-1">
                            {t.name} <span className="font-mono text-xs text-muted-foreground">{t.slug}</span>
                          </span>
                          <span className="text-xs text-muted-foreground">{detail(t)}</span>
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

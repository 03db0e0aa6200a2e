'use client';

import { Menu, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useSelectedLayoutSegments } from 'next/navigation';
import { useState } from 'react';
import { cn } from '@/lib/utils';
import { navGroups, workspaceOfSegments } from '@/lib/workspaces';

export type NavItem = { id: string; label: string; href: string; group: string };

/**
 * The sidebar: the workspaces open to the user in the active tenant, grouped by purpose in the
 * registry's order (lib/workspaces.ts decides what is there; this only draws it). Below the md
 * breakpoint it folds behind a "Menu" button and closes again on navigation.
 */
export function WorkspaceNav({ items }: { items: NavItem[] }) {
  const current = workspaceOfSegments(useSelectedLayoutSegments())?.id;
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // A navigation closes the folded menu (small screens).
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setOpen(false);
  }
  const groups = navGroups
    .filter((g) => g.id !== 'account')
    .map((g) => ({ ...g, items: items.filter((i) => i.group === g.id) }))
    .filter((g) => g.items.length > 0);

  return (
    <div className="shrink-0 border-b bg-card md:w-56 md:border-b-0 md:border-r">
      <button
        type="button"
        className="m-2 inline-flex items-center gap-1 rounded-md border px-2 py-1 text-sm md:hidden"
        aria-expanded={open}
        aria-controls="workspace-nav"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? <X className="size-4" aria-hidden /> : <Menu className="size-4" aria-hidden />}
        Menu
      </button>
      <nav
        id="workspace-nav"
        aria-label="Workspaces"
        className={cn('px-3 py-4 md:sticky md:top-0 md:block', open ? 'block' : 'hidden')}
      >
        {groups.map((g) => (
          <div key={g.id} className="mb-4">
            {/* The overview needs no heading over its one link. */}
            {g.id !== 'overview' && (
              <h2 id={`nav-${g.id}`} className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">
                {g.label}
              </h2>
            )}
            <ul aria-labelledby={g.id !== 'overview' ? `nav-${g.id}` : undefined} className="flex flex-col gap-0.5">
              {g.items.map((n) => (
                <li key={n.id}>
                  <Link
                    href={n.href}
                    prefetch={false}
                    aria-current={n.id === current ? 'page' : undefined}
                    className={cn('block rounded-md px-2 py-1.5 text-sm hover:bg-secondary', n.id === current && 'bg-secondary font-medium')}
                  >
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
    </div>
  );
}

'use client';

import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';
import { cn } from '@/lib/utils';
import { workspaceAt } from '@/lib/workspaces';

/** The workspaces open to the user here; the current one is marked from the URL. */
export function WorkspaceNav({ items }: { items: { id: string; label: string; href: string }[] }) {
  const current = workspaceAt(useSelectedLayoutSegment())?.id;
  return (
    <nav className="flex gap-1" aria-label="Workspaces">
      {items.map((n) => (
        <Link
          key={n.id}
          href={n.href}
          aria-current={n.id === current ? 'page' : undefined}
          className={cn('rounded-md px-3 py-1.5 text-sm hover:bg-secondary', n.id === current && 'bg-secondary font-medium')}
        >
          {n.label}
        </Link>
      ))}
    </nav>
  );
}

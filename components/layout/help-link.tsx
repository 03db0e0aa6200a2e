'use client';

import { CircleHelp } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useSelectedLayoutSegments } from 'next/navigation';
import { helpHref } from '@/lib/help/topics';

/**
 * The header's "?": the guide section for the page on screen (lib/help/topics.ts); on the guides
 * themselves, their index.
 */
export function HelpLink({ allTenants, endUser }: { allTenants: boolean; endUser: boolean }) {
  const segments = useSelectedLayoutSegments();
  const inGuides = usePathname()?.startsWith('/help') ?? false;
  const href = inGuides ? '/help' : helpHref(segments, { allTenants, endUser });
  return (
    <Link
      href={href}
      prefetch={false}
      className="hover:bg-accent inline-flex items-center rounded-md border p-1.5"
      aria-label="Help for this page"
      title="Help for this page"
      data-testid="page-help"
    >
      <CircleHelp className="size-4" aria-hidden />
    </Link>
  );
}

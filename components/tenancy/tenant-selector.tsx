'use client';

import { Check, ChevronsUpDown } from 'lucide-react';
import { useRouter, useSelectedLayoutSegment } from 'next/navigation';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { tenantAccent } from '@/lib/tenancy/accent';
import { switchTarget } from '@/lib/workspaces';

export type SelectorTenant = { slug: string; name: string; accessRole: string | null };

/** Moves to the same workspace in the chosen tenant; the tenant lives in the URL. */
export function TenantSelector({
  home,
  managed,
  activeSlug,
}: {
  home: SelectorTenant;
  managed: SelectorTenant[];
  activeSlug: string;
}) {
  const router = useRouter();
  const segment = useSelectedLayoutSegment();
  const active = activeSlug === home.slug ? home : managed.find((t) => t.slug === activeSlug);
  // The same workspace where it exists in the chosen tenant (the registry says), else its landing.
  const go = (slug: string) => router.push(switchTarget(segment, slug));

  return (
    // Not modal: a modal menu hides the page from assistive technology while focusable controls stay in it.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          className="min-w-48 justify-between border-l-4"
          style={{ borderLeftColor: tenantAccent(activeSlug) }}
        >
          {/* The accessible name starts with what the control does and contains the visible name. */}
          <span className="sr-only">Switch tenant, current: </span>
          <span className="truncate">{active?.name ?? activeSlug}</span>
          <ChevronsUpDown className="size-4 opacity-60" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>Home</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => go(home.slug)}>
          <Check className={activeSlug === home.slug ? 'size-4' : 'size-4 invisible'} />
          {home.name}
        </DropdownMenuItem>
        {managed.length > 0 && <DropdownMenuSeparator />}
        {managed.length > 0 && <DropdownMenuLabel>Managed tenants</DropdownMenuLabel>}
        {managed.map((t) => (
          <DropdownMenuItem key={t.slug} onSelect={() => go(t.slug)}>
            <Check className={activeSlug === t.slug ? 'size-4' : 'size-4 invisible'} />
            <span className="flex-1">{t.name}</span>
            <span className="text-xs text-muted-foreground">{t.accessRole}</span>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

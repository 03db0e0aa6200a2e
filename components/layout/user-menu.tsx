'use client';

import { ChevronDown } from 'lucide-react';
import { signOut } from 'next-auth/react';
import Link from 'next/link';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { Button } from '@/components/ui/button';
import type { NavItem } from './workspace-nav';
import { SHORTCUTS_EVENT } from './shortcuts-dialog';

/** The user menu (APG menu button): the user's own pages, the guides, the shortcuts list, and sign out. */
export function UserMenu({ user, homeTenant, items }: { user: { name: string; email: string }; homeTenant: { slug: string; name: string }; items: NavItem[] }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="gap-1">
          <span className="sr-only">Account menu, signed in as </span>
          {user.name}
          <ChevronDown className="size-4 opacity-60" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel className="font-normal">
          <span className="block font-medium text-foreground">{user.name}</span>
          <span className="block">{user.email}</span>
          <span className="block">{homeTenant.name}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {items.map((i) => (
          <DropdownMenuItem key={i.id} asChild>
            <Link href={i.href} prefetch={false}>
              {i.label}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuItem asChild>
          <Link href="/help" prefetch={false}>
            Help
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => window.dispatchEvent(new Event(SHORTCUTS_EVENT))}>Keyboard shortcuts</DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOut({ callbackUrl: `/t/${homeTenant.slug}/login` })}>Sign out</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

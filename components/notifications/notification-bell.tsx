'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import Link from 'next/link';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { NotificationDto } from '@/lib/validation/account';

const KEY = ['notifications'] as const;
type Centre = { items: NotificationDto[]; unread: number };

async function fetchCentre(): Promise<Centre> {
  const res = await fetch('/api/v1/me/notifications?limit=10', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`notifications ${res.status}`);
  return (await res.json()) as Centre;
}

async function markRead(ids?: string[]): Promise<void> {
  await fetch('/api/v1/me/notifications/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ids ? { ids } : {}) });
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

/**
 * The header's notification centre: the unread count from the page (no request per page load),
 * the newest ten notices when opened, each a link that marks it read, and "Mark all read".
 * Preferences (what is mailed, what waits for the digest) are on My account.
 */
export function NotificationBell({ initialUnread, settingsHref }: { initialUnread: number; settingsHref: string }) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const { data, isPending } = useQuery({ queryKey: KEY, queryFn: fetchCentre, enabled: open, staleTime: 10_000 });
  const unread = data?.unread ?? initialUnread;
  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  const read = async (ids?: string[]) => {
    await markRead(ids);
    await client.invalidateQueries({ queryKey: KEY });
  };
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={label} data-testid="notifications-bell">
          <Bell className="size-4" aria-hidden />
          {unread > 0 && (
            <span className="rounded-full bg-primary px-1.5 text-xs text-primary-foreground" aria-hidden>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </Button>
      </Popover.Trigger>
      <span className="sr-only" aria-live="polite">
        {label}
      </span>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={6} className="z-50 w-96 rounded-md border bg-popover p-3 text-sm text-popover-foreground shadow-md" aria-label="Notifications">
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 className="font-semibold">Notifications</h2>
            {unread > 0 && (
              <Button size="sm" variant="ghost" onClick={() => void read()}>
                Mark all read
              </Button>
            )}
          </div>
          {isPending ? (
            <p className="text-muted-foreground">Loading…</p>
          ) : data && data.items.length > 0 ? (
            <ul className="flex max-h-96 flex-col gap-2 overflow-y-auto" aria-label="Latest notifications">
              {data.items.map((n) => (
                <li key={n.id} className={`border-b pb-2 last:border-0 ${n.read ? 'text-muted-foreground' : ''}`} data-read={n.read}>
                  <div className="flex items-start gap-2">
                    {!n.read && <span className="mt-1.5 size-2 shrink-0 rounded-full bg-primary" aria-label="Unread" role="img" />}
                    <div className="min-w-0">
                      {n.href ? (
                        <Link href={n.href} prefetch={false} className="font-medium underline-offset-4 hover:underline" onClick={() => void read([n.id]).then(() => setOpen(false))}>
                          {n.title}
                        </Link>
                      ) : (
                        <span className="font-medium">{n.title}</span>
                      )}
                      <p className="text-xs">{n.body}</p>
                      <p className="text-xs text-muted-foreground">{when(n.at)}</p>
                      {!n.href && !n.read && (
                        <Button size="sm" variant="link" className="h-auto p-0 text-xs" onClick={() => void read([n.id])}>
                          Mark read
                        </Button>
                      )}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted-foreground">Nothing yet.</p>
          )}
          <div className="mt-2 border-t pt-2 text-xs">
            <Link href={settingsHref} prefetch={false} className="underline underline-offset-4" onClick={() => setOpen(false)}>
              Notification settings
            </Link>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

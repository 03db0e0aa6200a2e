'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { toast } from 'sonner';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery, useTypedBeforeHydration } from '@/components/data-table/use-list-query';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { isTyping, usePageShortcuts } from '@/components/layout/shortcuts-dialog';
import { BoardSla, useMinute } from '@/components/tickets/board-sla';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ticketPriorities, ticketStatuses, type TicketStatus } from '@/lib/config/enums';
import { statusBadge } from '@/lib/config/status';
import type { BoardAggregates, BoardTicketDto } from '@/lib/validation/board';
import { updateTicketAction } from '@/app/(portal)/t/[tenant]/tickets/actions';

const priorityVariant = { urgent: 'destructive', high: 'warning', normal: 'secondary', low: 'outline' } as const;
const FILTERS = ['tenant', 'status', 'priority', 'assignee', 'sla', 'view'] as const;
/** The columns of the board view: every status but closed (closed tickets are history). */
const boardColumns: TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'resolved'];

const queueKeys = [
  ['j  /  k', 'Next / previous ticket in the queue'],
  ['Enter', 'Open the ticket'],
  ['a', 'Assign the ticket to me'],
  ['r', 'Reply to the requester'],
  ['n', 'Write an internal note'],
  ['e', 'Resolve the ticket'],
] as const;

const savedViews = [
  { id: 'all', label: 'All tickets', query: '' },
  { id: 'mine', label: 'My open', query: 'assignee=me&status=new,open,pending,on_hold' },
  { id: 'due', label: 'Breaching within 1 h', query: 'sla=due_1h' },
] as const;

export type BoardTenantView = { id: string; slug: string; name: string; canUpdate: boolean; canComment: boolean };

/**
 * The multi-tenant ticket board: saved views, filters in the URL, list or board (columns by
 * status), and the queue keys (j/k, Enter, a, r, n, e; quiet while typing; listed under "?").
 * A write in a tenant other than the caller's own asks first, naming the ticket and the tenant.
 */
export function TicketBoard({
  items,
  nextCursor,
  aggregates,
  tenants,
  me,
  homeSlug,
  view,
  rendered,
}: {
  items: BoardTicketDto[];
  nextCursor: string | null;
  aggregates: BoardAggregates;
  tenants: BoardTenantView[];
  me: string;
  homeSlug: string;
  view: 'list' | 'board';
  /** The server's clock when it rendered the page (the SLA countdowns start from it). */
  rendered: number;
}) {
  const list = useListQuery(FILTERS);
  const searchBox = useRef<HTMLInputElement>(null);
  useTypedBeforeHydration(searchBox, list.values.q, list.setSearch);
  const router = useRouter();
  const now = useMinute(rendered);
  const { pending, error, run, dialog } = useActionRunner();
  const [active, setActive] = useState(0);
  const rowRefs = useRef(new Map<string, HTMLAnchorElement>());
  const byTenant = useMemo(() => new Map(tenants.map((t) => [t.id, t])), [tenants]);
  const ordered = useMemo(() => (view === 'board' ? boardColumns.flatMap((s) => items.filter((t) => t.status === s)) : items), [items, view]);
  usePageShortcuts(queueKeys);

  // New rows (a filter, a page): the queue starts again at the top.
  const [shown, setShown] = useState(items);
  if (shown !== items) {
    setShown(items);
    setActive(0);
  }

  useEffect(() => {
    const href = (t: BoardTicketDto, compose?: 'reply' | 'note') => `/t/${t.tenant.slug}/tickets/${t.id}${compose ? `?compose=${compose}` : ''}`;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector('[role="dialog"],[role="alertdialog"]')) return;
      const current = ordered[active];
      const move = (to: number) => {
        const next = Math.max(0, Math.min(ordered.length - 1, to));
        setActive(next);
        const t = ordered[next];
        if (t) rowRefs.current.get(t.id)?.focus();
      };
      const tenant = current ? byTenant.get(current.tenant.id) : undefined;
      const elsewhere = current && current.tenant.slug !== homeSlug ? ` in ${current.tenant.name}` : '';
      const refuse = (what: string) => toast.error(`You cannot ${what} in ${current?.tenant.name}: your access there is read-only.`);
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          if (e.key === 'ArrowDown' && !(e.target as HTMLElement | null)?.closest?.('[data-queue]')) return;
          e.preventDefault();
          move(active + 1);
          break;
        case 'k':
        case 'ArrowUp':
          if (e.key === 'ArrowUp' && !(e.target as HTMLElement | null)?.closest?.('[data-queue]')) return;
          e.preventDefault();
          move(active - 1);
          break;
        case 'Enter':
          if (!current || (e.target as HTMLElement | null)?.closest?.('a,button')) return;
          e.preventDefault();
          router.push(href(current));
          break;
        case 'a':
          if (!current) return;
          e.preventDefault();
          if (!tenant?.canUpdate) return refuse('assign tickets');
          run(() => updateTicketAction(current.tenant.slug, { id: current.id, assigneeId: me }), {
            confirm: elsewhere ? { title: `Assign ${current.number}${elsewhere} to yourself?`, description: `You act in ${current.tenant.name} through a link; the change is audited there.`, action: 'Assign to me' } : undefined,
            success: `${current.number} is assigned to you.`,
          });
          break;
        case 'e':
          if (!current) return;
          e.preventDefault();
          if (!tenant?.canUpdate) return refuse('resolve tickets');
          run(() => updateTicketAction(current.tenant.slug, { id: current.id, status: 'resolved' }), {
            confirm: elsewhere ? { title: `Resolve ${current.number}${elsewhere}?`, description: `You act in ${current.tenant.name} through a link; the change is audited there.`, action: 'Resolve' } : undefined,
            success: `${current.number} is resolved.`,
          });
          break;
        case 'r':
        case 'n':
          if (!current) return;
          e.preventDefault();
          if (!tenant?.canComment) return refuse('comment on tickets');
          router.push(href(current, e.key === 'r' ? 'reply' : 'note'));
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ordered, active, byTenant, homeSlug, me, router, run]);

  const currentView = savedViews.find((v) => {
    const q = new URLSearchParams(v.query);
    return (['assignee', 'status', 'sla'] as const).every((k) => (q.get(k) ?? null) === list.values[k]) && !list.values.tenant && !list.values.priority;
  });
  const viewHref = (query: string) => {
    const q = new URLSearchParams(query);
    if (view === 'board') q.set('view', 'board');
    return `?${q.toString()}`;
  };

  const row = (t: BoardTicketDto, i: number) => (
    <TableRow key={t.id} data-active={i === active || undefined} className="data-[active]:bg-accent/60" onClick={() => setActive(i)}>
      <TableCell>
        <Link
          ref={(el) => {
            if (el) rowRefs.current.set(t.id, el);
            else rowRefs.current.delete(t.id);
          }}
          onFocus={() => setActive(i)}
          className="font-mono text-xs underline-offset-4 hover:underline"
          href={`/t/${t.tenant.slug}/tickets/${t.id}`}
        >
          {t.number}
        </Link>
      </TableCell>
      <TableCell>{t.tenant.name}</TableCell>
      <TableCell>
        <div>{t.subject}</div>
        {t.createdByPartner && <div className="text-xs text-muted-foreground">Created by {t.createdByPartner}</div>}
      </TableCell>
      <TableCell>
        <Badge variant={priorityVariant[t.priority]}>{t.priority}</Badge>
      </TableCell>
      <TableCell>
        <StatusBadge value={t.status} />
      </TableCell>
      <TableCell className="text-xs">{t.assignee?.name ?? <span className="text-muted-foreground">Unassigned</span>}</TableCell>
      <TableCell>
        <BoardSla sla={t.sla} now={now} />
      </TableCell>
      <TableCell>
        <time dateTime={t.createdAt} className="text-xs whitespace-nowrap">
          {t.createdAt.slice(0, 16).replace('T', ' ')}
        </time>
      </TableCell>
    </TableRow>
  );

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Saved views" className="flex flex-wrap gap-2">
        {savedViews.map((v) => (
          <Link key={v.id} href={viewHref(v.query)} aria-current={currentView?.id === v.id ? 'page' : undefined} className="rounded-md border px-3 py-1.5 text-sm aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground">
            {v.label}
          </Link>
        ))}
      </nav>
      <div role="search" aria-label="Filter tickets" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1 text-xs text-muted-foreground">
          <label htmlFor="board-search">Search subject or number</label>
          <input ref={searchBox} id="board-search" type="search" defaultValue={list.values.q} onChange={(e) => list.setSearch(e.target.value)} className="h-9 rounded-md border bg-background px-2 text-sm text-foreground" />
        </div>
        <FilterSelect label="Tenant" value={list.values.tenant} options={tenants.map((t) => ({ value: t.id, text: t.name }))} onChange={(v) => list.setFilter('tenant', v)} />
        <FilterSelect label="Status" value={list.values.status} options={ticketStatuses.map((s) => ({ value: s, text: statusBadge(s).text }))} onChange={(v) => list.setFilter('status', v)} />
        <FilterSelect label="Priority" value={list.values.priority} options={ticketPriorities.map((p) => ({ value: p, text: p }))} onChange={(v) => list.setFilter('priority', v)} />
        <FilterSelect
          label="Assignee"
          value={list.values.assignee}
          options={[
            { value: 'me', text: 'Me' },
            { value: 'none', text: 'Unassigned' },
          ]}
          onChange={(v) => list.setFilter('assignee', v)}
        />
        <FilterSelect
          label="SLA"
          value={list.values.sla}
          options={[
            { value: 'breached', text: 'Breached' },
            { value: 'at_risk', text: 'At risk' },
            { value: 'due_1h', text: 'Breaching within 1 h' },
            { value: 'paused', text: 'Paused' },
            { value: 'running', text: 'Running' },
          ]}
          onChange={(v) => list.setFilter('sla', v)}
        />
        <div role="group" aria-label="Layout" className="ml-auto flex gap-1">
          <Button size="sm" variant={view === 'list' ? 'default' : 'outline'} aria-pressed={view === 'list'} onClick={() => list.setFilter('view', null)}>
            List
          </Button>
          <Button size="sm" variant={view === 'board' ? 'default' : 'outline'} aria-pressed={view === 'board'} onClick={() => list.setFilter('view', 'board')}>
            Board
          </Button>
        </div>
      </div>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {aggregates.total.toLocaleString('en')} {aggregates.total === 1 ? 'ticket' : 'tickets'}: {aggregates.byStatus.new + aggregates.byStatus.open + aggregates.byStatus.on_hold} open, {aggregates.byStatus.pending} pending,{' '}
        {aggregates.byStatus.resolved} resolved, {aggregates.slaBreached} with a breached SLA
        {aggregates.avgResolutionHours !== null && `; resolved in ${aggregates.avgResolutionHours} h on average`}. Press ? for the queue keys.
      </p>
      {error && <Alert variant="destructive">{error}</Alert>}
      {items.length === 0 ? (
        <p className="rounded-md border p-6 text-center text-sm text-muted-foreground">{list.filtersActive ? 'No ticket matches these filters.' : 'No tickets in the tenants you manage.'}</p>
      ) : view === 'list' ? (
        <div data-queue aria-busy={list.pending || pending}>
          <Table aria-label="Tickets across your tenants">
            <TableHeader>
              <TableRow>
                <TableHead>Number</TableHead>
                <TableHead>Tenant</TableHead>
                <TableHead>Subject</TableHead>
                <TableHead>Priority</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Assignee</TableHead>
                <TableHead>SLA</TableHead>
                <TableHead>Opened</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>{ordered.map(row)}</TableBody>
          </Table>
        </div>
      ) : (
        <div data-queue className="grid gap-3 md:grid-cols-5" aria-busy={list.pending || pending}>
          {boardColumns.map((status) => {
            const cards = ordered.map((t, i) => [t, i] as const).filter(([t]) => t.status === status);
            return (
              <section key={status} aria-label={`${statusBadge(status).text}: ${cards.length}`} className="flex flex-col gap-2 rounded-md border bg-muted/30 p-2">
                <h2 className="flex items-center justify-between text-sm font-medium">
                  {statusBadge(status).text} <span className="text-muted-foreground">{cards.length}</span>
                </h2>
                <ul className="flex flex-col gap-2">
                  {cards.map(([t, i]) => (
                    <li key={t.id} data-active={i === active || undefined} className="rounded-md border bg-card p-2 text-sm data-[active]:ring-2 data-[active]:ring-ring">
                      <Link
                        ref={(el) => {
                          if (el) rowRefs.current.set(t.id, el);
                          else rowRefs.current.delete(t.id);
                        }}
                        onFocus={() => setActive(i)}
                        href={`/t/${t.tenant.slug}/tickets/${t.id}`}
                        className="font-mono text-xs underline-offset-4 hover:underline"
                      >
                        {t.number}
                      </Link>
                      <div>{t.subject}</div>
                      <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
                        {t.tenant.name} · <Badge variant={priorityVariant[t.priority]}>{t.priority}</Badge> <BoardSla sla={t.sla} now={now} />
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      {(nextCursor || list.values.cursor) && (
        <div className="flex gap-2">
          {list.values.cursor && (
            <Button variant="outline" size="sm" onClick={() => list.setCursor(null)}>
              First page
            </Button>
          )}
          {nextCursor && (
            <Button variant="outline" size="sm" onClick={() => list.setCursor(nextCursor)}>
              Next page
            </Button>
          )}
        </div>
      )}
      {dialog}
    </div>
  );
}

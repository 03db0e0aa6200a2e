'use client';

import Link from 'next/link';
import { createContext, useContext, useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery } from '@/components/data-table/use-list-query';
import { Badge } from '@/components/ui/badge';
import { StatusBadge } from '@/components/ui/status-badge';
import { ticketPriorities, ticketStatuses } from '@/lib/config/enums';
import { statusBadge } from '@/lib/config/status';
import type { SortedPage } from '@/lib/validation/common';
import type { TicketDto } from '@/lib/validation/tickets';
import { SlaTimer } from '@/components/tickets/sla-timer';
import { useMinute } from '@/components/tickets/board-sla';
import { TicketStatus } from './ticket-status';

const priorityVariant = { urgent: 'destructive', high: 'warning', normal: 'secondary', low: 'outline' } as const;
const FILTERS = ['status', 'priority'] as const;

/**
 * The clock the SLA cells count from. A context, not a dependency of the columns: new column
 * definitions every minute would remount every cell, and with them a status select in use or
 * its open confirmation.
 */
const Now = createContext(0);

/** The timer that runs now: the first response until it is met, then the resolution. */
function SlaCell({ sla }: { sla: TicketDto['sla'] }) {
  const now = useContext(Now);
  const [label, timer] = sla.firstResponse.state === 'met' ? ['Resolution', sla.resolution] : ['First response', sla.firstResponse];
  return <SlaTimer label={label} timer={timer} now={now} />;
}

/** The Tickets list on the data table: search subject or number, status and priority filters, sort. */
export function TicketsTable({
  slug,
  owner,
  page,
  sort,
  canUpdate,
  actingIn,
  rendered,
}: {
  slug: string;
  owner: string;
  page: SortedPage<TicketDto>;
  sort: string;
  canUpdate: boolean;
  actingIn: string | null;
  /** The server's clock when it rendered the page (the SLA countdowns start from it). */
  rendered: number;
}) {
  const list = useListQuery(FILTERS);
  const now = useMinute(rendered);
  const columns = useMemo<DataColumn<TicketDto>[]>(
    () => [
      {
        id: 'number',
        accessorKey: 'number',
        header: 'Number',
        enableSorting: true,
        enableHiding: false,
        cell: ({ row }) => (
          <Link className="font-mono text-xs underline-offset-4 hover:underline" href={`/t/${slug}/tickets/${row.original.id}`}>
            {row.original.number}
          </Link>
        ),
      },
      {
        id: 'subject',
        header: 'Subject',
        enableSorting: false,
        cell: ({ row }) => (
          <>
            <div>{row.original.subject}</div>
            {row.original.category && <div className="text-xs text-muted-foreground">{row.original.category}</div>}
          </>
        ),
      },
      { id: 'priority', header: 'Priority', enableSorting: false, cell: ({ row }) => <Badge variant={priorityVariant[row.original.priority]}>{row.original.priority}</Badge> },
      { id: 'requester', header: 'Requester', enableSorting: false, cell: ({ row }) => row.original.requester.name },
      {
        id: 'sla',
        header: 'SLA',
        enableSorting: false,
        cell: ({ row }) => <SlaCell sla={row.original.sla} />,
      },
      {
        id: 'createdAt',
        header: 'Opened',
        enableSorting: true,
        sortDescFirst: true,
        cell: ({ row }) => <time dateTime={row.original.createdAt} className="whitespace-nowrap text-xs">{row.original.createdAt.slice(0, 16).replace('T', ' ')}</time>,
      },
      {
        id: 'status',
        header: 'Status',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => (canUpdate ? <TicketStatus slug={slug} ticket={row.original} actingIn={actingIn} /> : <StatusBadge value={row.original.status} />),
      },
    ],
    [slug, canUpdate, actingIn],
  );

  return (
    <Now value={now}>
      <DataTable
        id="tickets"
        label="Tickets"
        owner={owner}
        columns={columns}
        rows={page.items}
        page={page}
        list={list}
        sort={sort}
        searchLabel="Search subject or number"
        filters={
          <>
            <FilterSelect label="Status" value={list.values.status} options={ticketStatuses.map((s) => ({ value: s, text: statusBadge(s).text }))} onChange={(v) => list.setFilter('status', v)} />
            <FilterSelect label="Priority" value={list.values.priority} options={ticketPriorities.map((p) => ({ value: p, text: p }))} onChange={(v) => list.setFilter('priority', v)} />
          </>
        }
        firstUse={<p>No tickets yet.</p>}
      />
    </Now>
  );
}

'use client';

import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { useListQuery } from '@/components/data-table/use-list-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { StatusBadge } from '@/components/ui/status-badge';
import { AUDIT_FILTERS } from '@/lib/config/audit';
import type { AuditEventDto } from '@/lib/validation/audit';
import type { Page } from '@/lib/validation/common';

type Row = AuditEventDto & { id: string };

const filterLabels: Record<(typeof AUDIT_FILTERS)[number], string> = {
  actor: 'Actor email',
  partner: 'Partner (slug)',
  action: 'Action starts with',
  resourceType: 'Resource type',
  resourceId: 'Resource id',
  from: 'From (ISO date)',
  to: 'To (ISO date)',
};

const columns: DataColumn<Row>[] = [
  { id: 'occurredAt', header: 'When (UTC)', enableSorting: false, enableHiding: false, cell: ({ row }) => <span className="whitespace-nowrap">{row.original.occurredAt.slice(0, 19).replace('T', ' ')}</span> },
  {
    id: 'actor',
    header: 'Actor',
    enableSorting: false,
    cell: ({ row }) => (
      <>
        {row.original.actor ?? 'system'}
        {row.original.via === 'link' && <span className="text-muted-foreground"> · via {row.original.actorTenant}</span>}
      </>
    ),
  },
  { id: 'action', header: 'Action', enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.action}</span> },
  { id: 'resource', header: 'Resource', enableSorting: false, cell: ({ row }) => <span className="text-xs">{[row.original.resourceType, row.original.resourceId].filter(Boolean).join(' ') || '—'}</span> },
  { id: 'outcome', header: 'Outcome', enableSorting: false, cell: ({ row }) => <StatusBadge value={row.original.outcome} /> },
  { id: 'requestId', header: 'Request', enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.requestId ?? '—'}</span> },
];

/**
 * Audit events on the data table: the Audit workspace (with its filters) and the partner Access
 * page (without). Newest first; pages go forwards, and "First page" goes back to the start.
 */
export function AuditEventsTable({ id, label, owner, page, empty, filterable }: { id: string; label: string; owner: string; page: Page<AuditEventDto>; empty: string; filterable: boolean }) {
  const list = useListQuery(filterable ? AUDIT_FILTERS : []);
  const rows = useMemo(() => page.items.map((e) => ({ ...e, id: String(e.seq) })), [page.items]);
  const values = list.values as Record<string, string | null>;
  return (
    <DataTable
      id={id}
      label={label}
      owner={owner}
      columns={columns}
      rows={rows}
      page={{ nextCursor: page.nextCursor }}
      list={list}
      sort="occurredAt.desc"
      searchLabel={null}
      filters={
        filterable && (
          <form
            // Remounted when the URL's filters change (Clear filters, back), so the boxes follow it.
            key={AUDIT_FILTERS.map((k) => values[k] ?? '').join('|')}
            aria-label="Audit filters"
            className="grid flex-1 grid-cols-2 items-end gap-2 md:grid-cols-4"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              list.setFilters(Object.fromEntries(AUDIT_FILTERS.map((k) => [k, String(form.get(k) ?? '').trim() || null])));
            }}
          >
            {AUDIT_FILTERS.map((k) => (
              <Input key={k} name={k} aria-label={filterLabels[k]} placeholder={filterLabels[k]} defaultValue={values[k] ?? ''} />
            ))}
            <Button type="submit" variant="outline">
              Filter
            </Button>
          </form>
        )
      }
      firstUse={<p>{empty}</p>}
    />
  );
}

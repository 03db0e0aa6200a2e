'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import type { BulkAction } from '@/components/data-table/bulk-bar';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery } from '@/components/data-table/use-list-query';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ActionResult } from '@/lib/api/action-result';
import { alertSeverities, alertTypeLabels, alertTypes, createTicketHref, type AlertType } from '@/lib/config/alerts';
import { alertStatusWord, statusBadge } from '@/lib/config/status';
import type { AlertAction, AlertDto } from '@/lib/validation/alerts';
import type { BulkOutcome } from '@/lib/validation/common';

const FILTERS = ['status', 'type', 'severity', 'assignee', 'tenant'] as const;
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;


/**
 * Alerts on the data table: filters (status, type, severity, assignee, tenant), a row menu
 * (acknowledge, assign to me, resolve, create ticket) and the same as bulk actions; each writes
 * the alert's history with the actor. `act` runs in the page's tenant (a tenant's alerts) or at
 * home (All tenants); without `act` the table offers no write at all (read-only roles).
 */
export function AlertsTable({
  items,
  nextCursor,
  owner,
  tenants,
  act,
}: {
  items: AlertDto[];
  nextCursor: string | null;
  owner: string;
  tenants: { id: string; name: string }[] | null;
  act: ((input: { ids: string[]; action: AlertAction }) => Promise<ActionResult<BulkOutcome[]>>) | null;
}) {
  const list = useListQuery(FILTERS);
  const runner = useActionRunner();
  const columns = useMemo<DataColumn<AlertDto>[]>(
    () => [
      { id: 'severity', header: 'Severity', enableSorting: false, cell: ({ row }) => <StatusBadge value={row.original.severity} /> },
      {
        id: 'title',
        header: 'Alert',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => (
          <>
            <Link className="underline-offset-4 hover:underline" href={`/t/${row.original.tenant.slug}/alerts/${row.original.id}`}>
              {row.original.title}
            </Link>
            <div className="text-xs text-muted-foreground">{alertTypeLabels[row.original.type]}</div>
          </>
        ),
      },
      ...(tenants ? [{ id: 'tenant', header: 'Tenant', enableSorting: false, cell: ({ row }) => row.original.tenant.name } satisfies DataColumn<AlertDto>] : []),
      { id: 'status', header: 'Status', enableSorting: false, cell: ({ row }) => <StatusBadge value={alertStatusWord(row.original.status)} /> },
      {
        id: 'occurrences',
        header: 'Seen',
        enableSorting: false,
        cell: ({ row }) => (
          <span className="text-xs whitespace-nowrap" title={`First seen ${when(row.original.firstSeenAt)}`}>
            {row.original.occurrences === 1 ? 'once' : `${row.original.occurrences} times`}, last {when(row.original.lastSeenAt)}
          </span>
        ),
      },
      { id: 'assignee', header: 'Assignee', enableSorting: false, cell: ({ row }) => <span className="text-xs">{row.original.assignee?.name ?? '—'}</span> },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => {
          const a = row.original;
          const one = (action: AlertAction, success: string) => act && runner.run(() => act({ ids: [a.id], action }), { success });
          return (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="sm" aria-label={`Actions for ${a.title}`}>
                  …
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                {act && a.status === 'active' && <DropdownMenuItem onSelect={() => one('acknowledge', 'Alert acknowledged.')}>Acknowledge</DropdownMenuItem>}
                {act && a.status !== 'resolved' && <DropdownMenuItem onSelect={() => one('assign_me', 'Alert assigned to you.')}>Assign to me</DropdownMenuItem>}
                {act && a.status !== 'resolved' && <DropdownMenuItem onSelect={() => one('resolve', 'Alert resolved.')}>Resolve</DropdownMenuItem>}
                <DropdownMenuItem asChild>
                  <Link href={`/t/${a.tenant.slug}/alerts/${a.id}`}>History</Link>
                </DropdownMenuItem>
                {act && (
                  <DropdownMenuItem asChild>
                    <Link href={createTicketHref(a)}>Create ticket</Link>
                  </DropdownMenuItem>
                )}
              </DropdownMenuContent>
            </DropdownMenu>
          );
        },
      },
    ],
    [tenants, act, runner],
  );
  const bulk: BulkAction<AlertDto>[] = act
    ? [
        { label: 'Acknowledge', run: (ids) => act({ ids, action: 'acknowledge' }), appliesTo: (a) => a.status === 'active' },
        { label: 'Assign to me', run: (ids) => act({ ids, action: 'assign_me' }), appliesTo: (a) => a.status !== 'resolved' },
        {
          label: 'Resolve',
          run: (ids) => act({ ids, action: 'resolve' }),
          appliesTo: (a) => a.status !== 'resolved',
          confirm: (n) => ({ title: `Resolve ${n} ${n === 1 ? 'alert' : 'alerts'}?`, description: 'Resolved is final: if the problem comes back, it opens a new alert.', action: 'Resolve' }),
        },
      ]
    : [];
  return (
    <>
      <DataTable
        id={tenants ? 'alerts-all' : 'alerts'}
        label="Alerts"
        owner={owner}
        columns={columns}
        rows={items}
        page={{ nextCursor }}
        list={list}
        sort=""
        searchLabel={null}
        filters={
          <>
            {tenants && <FilterSelect label="Tenant" value={list.values.tenant} options={tenants.map((t) => ({ value: t.id, text: t.name }))} onChange={(v) => list.setFilter('tenant', v)} />}
            <FilterSelect
              label="Status"
              value={list.values.status}
              options={[
                { value: 'open', text: 'Not resolved' },
                ...(['active', 'acknowledged', 'resolved'] as const).map((s) => ({ value: s, text: statusBadge(alertStatusWord(s)).text })),
              ]}
              onChange={(v) => list.setFilter('status', v)}
            />
            <FilterSelect label="Type" value={list.values.type} options={alertTypes.map((t: AlertType) => ({ value: t, text: alertTypeLabels[t] }))} onChange={(v) => list.setFilter('type', v)} />
            <FilterSelect label="Severity" value={list.values.severity} options={alertSeverities.map((s) => ({ value: s, text: statusBadge(s).text }))} onChange={(v) => list.setFilter('severity', v)} />
            <FilterSelect
              label="Assignee"
              value={list.values.assignee}
              options={[
                { value: 'me', text: 'Me' },
                { value: 'none', text: 'Unassigned' },
              ]}
              onChange={(v) => list.setFilter('assignee', v)}
            />
          </>
        }
        firstUse={<p>No alerts. Breached tickets, uptime under a link&apos;s target and balances over its billing threshold show up here.</p>}
        bulkActions={bulk}
        rowLabel={(a) => a.title}
      />
      {runner.error && (
        <p role="alert" className="text-sm text-destructive">
          {runner.error}
        </p>
      )}
      {runner.dialog}
    </>
  );
}

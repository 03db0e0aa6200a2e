'use client';

import { MoreHorizontal } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { FilterSelect } from '@/components/data-table/filter-select';
import type { BulkAction } from '@/components/data-table/bulk-bar';
import { useListQuery } from '@/components/data-table/use-list-query';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { StatusBadge } from '@/components/ui/status-badge';
import { userStatuses, userTypeLabels, userTypes } from '@/lib/config/enums';
import { statusBadge } from '@/lib/config/status';
import type { SortedPage, Page } from '@/lib/validation/common';
import type { UserDto } from '@/lib/validation/users';
import { setUsersStatusAction } from '../actions';

export type UserRow = UserDto & { tenant?: { slug: string; name: string } };

type Props = {
  /** The active tenant's slug, or `all` (then every row carries its tenant). */
  slug: string;
  owner: string;
  page: SortedPage<UserRow> | Page<UserRow>;
  sort: string;
  /** Whether the caller may change users here (one tenant only; never in All tenants). */
  canWrite: boolean;
  /** All tenants: the tenants to filter by. */
  tenants?: { slug: string; name: string }[];
  /** The tenant's name, and whether the caller acts there through a link (every write asks then). */
  tenantName: string;
  acting: boolean;
};

const FILTERS = ['type', 'status', 'tenant'] as const;

/** The Users list on the data table: search, type and status filters, sort, pages, bulk status. */
export function UsersTable({ slug, owner, page, sort, canWrite, tenants, tenantName, acting }: Props) {
  const list = useListQuery(FILTERS);
  const runner = useActionRunner();
  const all = tenants !== undefined;
  const rowSlug = (u: UserRow) => u.tenant?.slug ?? slug;

  const columns = useMemo<DataColumn<UserRow>[]>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: 'Name',
        enableSorting: !all,
        enableHiding: false,
        cell: ({ row }) => (
          <Link prefetch={false} className="text-primary hover:underline" href={`/t/${rowSlug(row.original)}/users/${row.original.id}`}>
            {row.original.name}
          </Link>
        ),
      },
      ...(all ? [{ id: 'tenant', header: 'Tenant', enableSorting: false, cell: ({ row }) => row.original.tenant?.name } satisfies DataColumn<UserRow>] : []),
      { id: 'email', accessorKey: 'email', header: 'Email', enableSorting: !all },
      { id: 'type', accessorKey: 'type', header: 'Type', enableSorting: false, cell: ({ row }) => userTypeLabels[row.original.type] },
      { id: 'status', accessorKey: 'status', header: 'Status', enableSorting: false, cell: ({ row }) => <StatusBadge value={row.original.status} /> },
      {
        id: 'createdAt',
        accessorKey: 'createdAt',
        header: 'Created',
        enableSorting: !all,
        sortDescFirst: true,
        cell: ({ row }) => <time dateTime={row.original.createdAt}>{row.original.createdAt.slice(0, 10)}</time>,
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => {
          const u = row.original;
          return (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="sm" aria-label={`Actions for ${u.name}`}>
                  <MoreHorizontal className="size-4" aria-hidden />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem asChild>
                  <Link prefetch={false} href={`/t/${rowSlug(u)}/users/${u.id}`}>
                    Open
                  </Link>
                </DropdownMenuItem>
                {canWrite && (
                  <DropdownMenuItem
                    onSelect={() =>
                      runner.run(() => setUsersStatusAction(slug, { ids: [u.id], status: u.status === 'inactive' ? 'active' : 'inactive' }), {
                        success: `${u.name}: ${u.status === 'inactive' ? 'activated' : 'deactivated'}`,
                        confirm:
                          u.status === 'inactive'
                            ? acting
                              ? { title: `Activate ${u.name} in ${tenantName}?`, description: `You act in ${tenantName} through a link; this is recorded in its audit log.`, action: 'Activate' }
                              : undefined
                            : { title: `Deactivate ${u.name} in ${tenantName}?`, description: 'They are signed out everywhere and cannot sign in until activated again.', action: 'Deactivate' },
                      })
                    }
                  >
                    {u.status === 'inactive' ? 'Activate' : 'Deactivate'}
                  </DropdownMenuItem>
                )}
              </DropdownMenuContent>
            </DropdownMenu>
          );
        },
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [all, canWrite, slug, acting, tenantName],
  );

  const bulkActions: BulkAction<UserRow>[] = canWrite
    ? [
        {
          label: 'Activate',
          run: (ids) => setUsersStatusAction(slug, { ids, status: 'active' }),
          confirm: acting ? (n) => ({ title: `Activate ${n} ${n === 1 ? 'user' : 'users'} in ${tenantName}?`, description: `You act in ${tenantName} through a link; this is recorded in its audit log.`, action: 'Activate' }) : undefined,
        },
        {
          label: 'Deactivate',
          run: (ids) => setUsersStatusAction(slug, { ids, status: 'inactive' }),
          confirm: (n) => ({
            title: `Deactivate ${n} ${n === 1 ? 'user' : 'users'} in ${tenantName}?`,
            description: 'They are signed out everywhere and cannot sign in until activated again.',
            action: 'Deactivate',
          }),
        },
      ]
    : [];

  return (
    <>
      <DataTable
        id={all ? 'users-all' : 'users'}
        label="Users"
        owner={owner}
        columns={columns}
        rows={page.items}
        page={page}
        list={list}
        sort={sort}
        searchLabel="Search name or email"
        filters={
          <>
            {tenants && <FilterSelect label="Tenant" value={list.values.tenant} options={tenants.map((t) => ({ value: t.slug, text: t.name }))} onChange={(v) => list.setFilter('tenant', v)} />}
            <FilterSelect label="Type" value={list.values.type} options={userTypes.map((t) => ({ value: t, text: userTypeLabels[t] }))} onChange={(v) => list.setFilter('type', v)} />
            <FilterSelect label="Status" value={list.values.status} options={userStatuses.map((s) => ({ value: s, text: statusBadge(s).text }))} onChange={(v) => list.setFilter('status', v)} />
          </>
        }
        firstUse={<p>No users yet.</p>}
        bulkActions={bulkActions}
        rowLabel={(u) => u.name}
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

'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery } from '@/components/data-table/use-list-query';
import { Badge } from '@/components/ui/badge';
import type { RoleDto } from '@/lib/validation/roles';

const FILTERS = ['kind'] as const;

/** The tenant's roles on the data table (one short list: search and the kind filter run on the server page). */
export function RolesTable({ slug, owner, roles }: { slug: string; owner: string; roles: RoleDto[] }) {
  const list = useListQuery(FILTERS);
  const columns = useMemo<DataColumn<RoleDto>[]>(
    () => [
      {
        id: 'name',
        header: 'Role',
        enableHiding: false,
        cell: ({ row }) => (
          <>
            <Link prefetch={false} href={`/t/${slug}/roles/${row.original.id}`} className="font-medium text-primary hover:underline">
              {row.original.name}
            </Link>
            <div className="text-xs text-muted-foreground">{row.original.description}</div>
          </>
        ),
      },
      { id: 'kind', header: 'Kind', cell: ({ row }) => <Badge variant={row.original.builtIn ? 'outline' : 'secondary'}>{row.original.builtIn ? 'built-in' : 'custom'}</Badge> },
      { id: 'permissions', header: 'Permissions', cell: ({ row }) => row.original.permissions.length },
      { id: 'members', header: 'Members', cell: ({ row }) => row.original.members },
    ],
    [slug],
  );
  return (
    <DataTable
      id="roles"
      label="Roles"
      owner={owner}
      columns={columns}
      rows={roles}
      page={{ nextCursor: null }}
      list={list}
      // Shown in the list's own order (no column sorts it).
      sort=""
      searchLabel="Search roles"
      filters={
        <FilterSelect
          label="Kind"
          value={list.values.kind}
          options={[
            { value: 'built-in', text: 'Built-in' },
            { value: 'custom', text: 'Custom' },
          ]}
          onChange={(v) => list.setFilter('kind', v)}
        />
      }
      firstUse={<p>No roles.</p>}
      paged={false}
    />
  );
}

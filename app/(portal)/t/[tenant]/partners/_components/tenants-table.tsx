'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery } from '@/components/data-table/use-list-query';
import { StatusBadge } from '@/components/ui/status-badge';
import type { Page } from '@/lib/validation/common';
import type { TenantRegistryDto } from '@/lib/validation/registry';
import { StatusButton } from './status-button';

const FILTERS = ['status'] as const;

/** The partner registry on the data table: search by name or slug, status filter, pages forwards. */
export function TenantsTable({ slug, owner, homeId, page, manage }: { slug: string; owner: string; homeId: string; page: Page<TenantRegistryDto>; manage: boolean }) {
  const list = useListQuery(FILTERS);
  const columns = useMemo<DataColumn<TenantRegistryDto>[]>(
    () => [
      {
        id: 'name',
        header: 'Tenant',
        enableHiding: false,
        cell: ({ row }) => (
          <Link prefetch={false} className="text-primary hover:underline" href={`/t/${slug}/partners/${row.original.id}`}>
            {row.original.name}
          </Link>
        ),
      },
      { id: 'slug', header: 'Slug', cell: ({ row }) => <span className="font-mono text-xs">{row.original.slug}</span> },
      { id: 'providerCode', header: 'Provider code', cell: ({ row }) => <span className="font-mono text-xs">{row.original.providerCode}</span> },
      { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge value={row.original.status} /> },
      { id: 'onboardedOn', header: 'Onboarded', cell: ({ row }) => row.original.onboardedOn },
      { id: 'users', header: 'Users', cell: ({ row }) => row.original.users },
      { id: 'liveLinks', header: 'Live links', cell: ({ row }) => row.original.liveLinks },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        enableHiding: false,
        cell: ({ row }) =>
          manage && row.original.id !== homeId ? <StatusButton slug={slug} id={row.original.id} name={row.original.name} status={row.original.status} /> : null,
      },
    ],
    [slug, homeId, manage],
  );
  return (
    <DataTable
      id="partners"
      label="Tenants"
      owner={owner}
      columns={columns}
      rows={page.items}
      page={{ nextCursor: page.nextCursor }}
      list={list}
      sort="name.asc"
      searchLabel="Search name or slug"
      filters={
        <FilterSelect
          label="Status"
          value={list.values.status}
          options={[
            { value: 'active', text: 'Active' },
            { value: 'stopped', text: 'Stopped' },
          ]}
          onChange={(v) => list.setFilter('status', v)}
        />
      }
      firstUse={<p>No tenants registered yet.</p>}
    />
  );
}

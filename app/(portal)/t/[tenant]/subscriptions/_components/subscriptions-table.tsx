'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery } from '@/components/data-table/use-list-query';
import { StatusBadge } from '@/components/ui/status-badge';
import { subscriptionStates } from '@/lib/config/enums';
import { formatPrice, subscriptionStateLabels } from '@/lib/config/subscriptions';
import type { SortedPage } from '@/lib/validation/common';
import type { SubscriptionDto } from '@/lib/validation/plans';

const FILTERS = ['state', 'plan'] as const;

/** The Subscriptions list: state and plan filters in the URL, newest first, keyset pages. */
export function SubscriptionsTable({ slug, owner, page, sort, plans, locale }: { slug: string; owner: string; page: SortedPage<SubscriptionDto>; sort: string; plans: { value: string; text: string }[]; locale: string }) {
  const list = useListQuery(FILTERS);
  const columns = useMemo<DataColumn<SubscriptionDto>[]>(
    () => [
      {
        id: 'subscriber',
        header: 'Subscriber',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => (
          <Link href={`/t/${slug}/subscriptions/${row.original.id}`} className="underline-offset-4 hover:underline">
            <div className="font-medium">{row.original.user.name}</div>
            <div className="text-xs text-muted-foreground">{row.original.user.email}</div>
          </Link>
        ),
      },
      { id: 'plan', header: 'Plan', enableSorting: false, cell: ({ row }) => row.original.plan.name },
      {
        id: 'state',
        header: 'State',
        enableSorting: false,
        cell: ({ row }) => (
          <span className="flex flex-wrap items-center gap-1">
            <StatusBadge value={row.original.state} />
            {row.original.awaitingApproval && <span className="text-xs">awaiting approval</span>}
            {row.original.startsAt && <span className="text-xs">starts {row.original.startsAt.slice(0, 10)}</span>}
            {row.original.cancelAtPeriodEnd && <span className="text-xs">cancels {row.original.currentPeriodEnd?.slice(0, 10)}</span>}
          </span>
        ),
      },
      { id: 'price', header: 'Price', enableSorting: false, cell: ({ row }) => <span className="whitespace-nowrap">{formatPrice(row.original.priceMinor, row.original.currency, locale)} / {row.original.billingCycle === 'yearly' ? 'yr' : 'mo'}</span> },
      { id: 'period', header: 'Period ends', enableSorting: false, cell: ({ row }) => <span className="whitespace-nowrap text-xs">{row.original.currentPeriodEnd?.slice(0, 10) ?? '—'}</span> },
      {
        id: 'createdAt',
        header: 'Created',
        enableSorting: true,
        sortDescFirst: true,
        cell: ({ row }) => <time dateTime={row.original.createdAt} className="whitespace-nowrap text-xs">{row.original.createdAt.slice(0, 10)}</time>,
      },
    ],
    [slug, locale],
  );
  return (
    <DataTable
      id="subscriptions"
      label="Subscriptions"
      owner={owner}
      columns={columns}
      rows={page.items}
      page={page}
      list={list}
      sort={sort}
      searchLabel={null}
      filters={
        <>
          <FilterSelect label="State" value={list.values.state} options={subscriptionStates.map((s) => ({ value: s, text: subscriptionStateLabels[s] }))} onChange={(v) => list.setFilter('state', v)} />
          {plans.length > 0 && <FilterSelect label="Plan" value={list.values.plan} options={plans} onChange={(v) => list.setFilter('plan', v)} />}
        </>
      }
      firstUse={<p>No subscriptions yet. They appear here when customers subscribe to a plan.</p>}
    />
  );
}

'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery } from '@/components/data-table/use-list-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { StatusBadge } from '@/components/ui/status-badge';
import { invoiceStatusLabels } from '@/lib/config/billing';
import { parseMajor, toMajor } from '@/lib/config/money';
import { formatPrice } from '@/lib/config/subscriptions';
import type { InvoiceDto } from '@/lib/validation/billing';
import type { Page } from '@/lib/validation/common';

export const INVOICE_FILTERS = ['status', 'from', 'to', 'min', 'max', 'tenant'] as const;
const STATUSES = ['open', 'overdue', 'paid', 'void', 'uncollectible'] as const;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

/**
 * The invoice list (BIL-1, BIL-3, BIL-4): period, status, amount range and search in the URL,
 * newest first, keyset pages; overdue rows say how many days. In the All-tenants mode each row
 * names its tenant and opens in it (BIL-5).
 */
export function InvoicesTable({
  slug,
  owner,
  page,
  locale,
  currency,
  tenants,
}: {
  /** The tenant whose invoices these are; null in the All-tenants mode (each row opens in its own tenant). */
  slug: string | null;
  owner: string;
  page: Page<InvoiceDto>;
  locale: string;
  /** The currency amount filters are typed in (the tenant's; 2 decimals when mixed). */
  currency: string;
  /** All-tenants mode: the tenant filter's choices (and a Tenant column). */
  tenants?: { slug: string; name: string }[];
}) {
  const list = useListQuery(INVOICE_FILTERS);
  const v = list.values;
  const [range, setRange] = useState({ from: v.from ?? '', to: v.to ?? '', min: v.min ? toMajor(Number(v.min), currency) : '', max: v.max ? toMajor(Number(v.max), currency) : '' });
  const [rangeError, setRangeError] = useState<string | null>(null);
  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    const min = range.min ? parseMajor(range.min, currency) : null;
    const max = range.max ? parseMajor(range.max, currency) : null;
    if ((range.min && min === null) || (range.max && max === null)) return setRangeError('Amounts are numbers like 29.99.');
    setRangeError(null);
    list.setFilters({ from: range.from || null, to: range.to || null, min: min === null ? null : String(min), max: max === null ? null : String(max) });
  };
  const columns = useMemo<DataColumn<InvoiceDto>[]>(
    () => [
      {
        id: 'number',
        header: 'Invoice',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => (
          <Link prefetch={false} href={`/t/${slug ?? row.original.tenant?.slug}/billing/invoices/${row.original.id}`} className="font-medium underline-offset-4 hover:underline">
            {row.original.number}
          </Link>
        ),
      },
      ...(tenants ? [{ id: 'tenant', header: 'Tenant', enableSorting: false, cell: ({ row }) => row.original.tenant?.name ?? '' } satisfies DataColumn<InvoiceDto>] : []),
      {
        id: 'customer',
        header: 'Customer',
        enableSorting: false,
        cell: ({ row }) => (
          <div>
            <div>{row.original.customer.name}</div>
            <div className="text-xs text-muted-foreground">{row.original.customer.email}</div>
          </div>
        ),
      },
      {
        id: 'status',
        header: 'Status',
        enableSorting: false,
        cell: ({ row }) => (
          <span className="flex flex-wrap items-center gap-1">
            <StatusBadge value={row.original.overdue ? 'overdue' : row.original.status} />
            {row.original.overdue && <span className="text-xs">{row.original.daysOverdue} {row.original.daysOverdue === 1 ? 'day' : 'days'} overdue</span>}
          </span>
        ),
      },
      { id: 'total', header: 'Total', enableSorting: false, cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{formatPrice(row.original.totalMinor, row.original.currency, locale)}</span> },
      { id: 'balance', header: 'Balance', enableSorting: false, cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{formatPrice(row.original.balanceMinor, row.original.currency, locale)}</span> },
      { id: 'issued', header: 'Issued', enableSorting: false, cell: ({ row }) => <time className="whitespace-nowrap text-xs" dateTime={row.original.issuedAt}>{day(row.original.issuedAt)}</time> },
      { id: 'due', header: 'Due', enableSorting: false, cell: ({ row }) => <time className="whitespace-nowrap text-xs" dateTime={row.original.dueAt ?? undefined}>{day(row.original.dueAt)}</time> },
    ],
    [slug, locale, tenants],
  );
  return (
    <DataTable
      id={tenants ? 'invoices-all' : 'invoices'}
      label="Invoices"
      owner={owner}
      columns={columns}
      rows={page.items}
      page={page}
      list={list}
      sort=""
      searchLabel="Search number or customer"
      filters={
        <>
          {tenants && <FilterSelect label="Tenant" value={v.tenant} options={tenants.map((t) => ({ value: t.slug, text: t.name }))} onChange={(x) => list.setFilter('tenant', x)} />}
          <FilterSelect label="Status" value={v.status} options={STATUSES.map((s) => ({ value: s, text: invoiceStatusLabels[s] }))} onChange={(x) => list.setFilter('status', x)} />
          <form onSubmit={apply} className="flex flex-wrap items-end gap-2 text-xs text-muted-foreground" aria-label="Period and amount">
            <label className="flex flex-col gap-1">
              From
              <Input type="date" className="h-9 w-36" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
            </label>
            <label className="flex flex-col gap-1">
              To
              <Input type="date" className="h-9 w-36" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
            </label>
            <label className="flex flex-col gap-1">
              Min total
              <Input inputMode="decimal" className="h-9 w-24" value={range.min} onChange={(e) => setRange({ ...range, min: e.target.value })} />
            </label>
            <label className="flex flex-col gap-1">
              Max total
              <Input inputMode="decimal" className="h-9 w-24" value={range.max} onChange={(e) => setRange({ ...range, max: e.target.value })} />
            </label>
            <Button type="submit" size="sm" variant="outline">
              Apply
            </Button>
            {rangeError && <span className="text-destructive" role="alert">{rangeError}</span>}
          </form>
        </>
      }
      firstUse={<p>No invoices yet. The billing run invoices every subscription period.</p>}
    />
  );
}

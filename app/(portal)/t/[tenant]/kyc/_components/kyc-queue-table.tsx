'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery } from '@/components/data-table/use-list-query';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { kycKinds } from '@/lib/config/enums';
import { kycKindLabels } from '@/lib/config/kyc';
import type { KycQueueItemDto } from '@/lib/validation/account';
import type { SortedPage } from '@/lib/validation/common';
import { assignKycAction } from '../actions';

const FILTERS = ['state', 'kind', 'mine'] as const;
// Cleared, the state filter shows what waits (submitted or in review), oldest first.
const states = [
  { value: 'submitted', text: 'Submitted, unassigned' },
  { value: 'in_review', text: 'In review' },
  { value: 'decided', text: 'Decided' },
];

/** How long a submission has waited, in words ("3 h", "2 d"). */
function age(iso: string | null, now: number): string {
  if (!iso) return '—';
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

export function KycQueueTable({ slug, owner, page, sort, now }: { slug: string; owner: string; page: SortedPage<KycQueueItemDto>; sort: string; now: number }) {
  const list = useListQuery(FILTERS);
  const runner = useActionRunner();
  const columns = useMemo<DataColumn<KycQueueItemDto>[]>(
    () => [
      {
        id: 'applicant',
        header: 'Applicant',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => (
          <Link prefetch={false} className="text-primary hover:underline" href={`/t/${slug}/kyc/${row.original.id}`}>
            {row.original.applicant.name}
          </Link>
        ),
      },
      { id: 'email', header: 'Email', enableSorting: false, cell: ({ row }) => row.original.applicant.email },
      { id: 'kind', header: 'Check', enableSorting: false, cell: ({ row }) => kycKindLabels[row.original.kind] },
      {
        id: 'submitted',
        header: 'Submitted',
        enableSorting: true,
        cell: ({ row }) => (row.original.submittedAt ? <time dateTime={row.original.submittedAt}>{row.original.submittedAt.slice(0, 16).replace('T', ' ')}</time> : '—'),
      },
      { id: 'age', header: 'Waiting', enableSorting: false, cell: ({ row }) => age(row.original.submittedAt, now) },
      { id: 'attempt', header: 'Attempt', enableSorting: false, cell: ({ row }) => row.original.attempt },
      { id: 'status', header: 'Status', enableSorting: false, cell: ({ row }) => <StatusBadge value={row.original.status} /> },
      {
        id: 'assignee',
        header: 'Assignee',
        enableSorting: false,
        cell: ({ row }) => {
          const s = row.original;
          if (s.assignee) return s.assignee.id === owner ? 'You' : s.assignee.label;
          if (s.status !== 'submitted') return '—';
          return (
            <Button variant="outline" size="sm" disabled={runner.pending} onClick={() => runner.run(() => assignKycAction(slug, { id: s.id }), { success: `Assigned to you: ${s.applicant.name}` })}>
              Assign to me<span className="sr-only">: {s.applicant.name}</span>
            </Button>
          );
        },
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [slug, owner, now, runner.pending],
  );
  return (
    <>
      <DataTable
        id="kyc-queue"
        label="KYC submissions"
        owner={owner}
        columns={columns}
        rows={page.items}
        page={page}
        list={list}
        sort={sort}
        searchLabel={null}
        filters={
          <>
            <FilterSelect label="State" value={list.values.state === 'waiting' ? null : list.values.state} options={states} emptyText="Waiting (submitted or in review)" onChange={(v) => list.setFilter('state', v)} />
            <FilterSelect label="Check" value={list.values.kind} options={kycKinds.map((k) => ({ value: k, text: kycKindLabels[k] }))} onChange={(v) => list.setFilter('kind', v)} />
            <FilterSelect label="Assignee" value={list.values.mine} options={[{ value: '1', text: 'Assigned to me' }]} onChange={(v) => list.setFilter('mine', v)} />
          </>
        }
        firstUse={<p>Nothing waits for review.</p>}
        rowLabel={(s) => s.applicant.name}
      />
      {runner.error && (
        <p role="alert" className="text-sm text-destructive">
          {runner.error}
        </p>
      )}
    </>
  );
}

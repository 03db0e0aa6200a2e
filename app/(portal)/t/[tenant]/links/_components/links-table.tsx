'use client';

import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import { FilterSelect } from '@/components/data-table/filter-select';
import { useListQuery } from '@/components/data-table/use-list-query';
import { StatusBadge } from '@/components/ui/status-badge';
import { linkAccessRoleLabels } from '@/lib/config/enums';
import { statusBadge } from '@/lib/config/status';
import type { LinkDto } from '@/lib/validation/links';
import { LinkButtons } from './link-buttons';

const FILTERS = ['direction', 'state'] as const;
const STATES = ['requested', 'active', 'expiring', 'not_started', 'expired', 'revoked', 'rejected'] as const;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'open-ended');

/** The service terms in one line: SLA hours by priority, uptime, alerts. */
function termsText(l: LinkDto): string {
  const hours = (h: Partial<Record<string, number>>) =>
    ['urgent', 'high', 'normal', 'low'].filter((p) => h[p] !== undefined).map((p) => `${p} ${h[p]}h`).join(', ');
  const parts = [
    hours(l.slaConfig.responseHours) && `response ${hours(l.slaConfig.responseHours)}`,
    hours(l.slaConfig.resolutionHours) && `resolution ${hours(l.slaConfig.resolutionHours)}`,
    l.slaConfig.uptimeTarget !== null && `uptime ${l.slaConfig.uptimeTarget}%`,
    l.alertConfig.notifyOnSlaBreach && 'alerts on SLA breach',
    l.alertConfig.notifyOnBillingThreshold && `billing alerts${l.alertConfig.billingThresholdMinor !== null ? ` at ${l.alertConfig.billingThresholdMinor}` : ''}`,
  ].filter(Boolean);
  return parts.join('; ') || 'none';
}

/** Links to and from this tenant on the data table (a short list: search and filters run on the server page). */
export function LinksTable({ slug, owner, links, manage, tenantName }: { slug: string; owner: string; links: LinkDto[]; manage: boolean; tenantName: string }) {
  const list = useListQuery(FILTERS);
  const columns = useMemo<DataColumn<LinkDto>[]>(
    () => [
      { id: 'with', header: 'With', enableHiding: false, cell: ({ row }) => (row.original.direction === 'outgoing' ? row.original.managed : row.original.partner).name },
      { id: 'direction', header: 'Direction', cell: ({ row }) => (row.original.direction === 'outgoing' ? 'we manage them' : 'they manage us') },
      { id: 'role', header: 'Role', cell: ({ row }) => linkAccessRoleLabels[row.original.accessRole] },
      { id: 'state', header: 'State', cell: ({ row }) => <StatusBadge value={row.original.state} /> },
      { id: 'period', header: 'Period', cell: ({ row }) => <span className="whitespace-nowrap text-xs">{day(row.original.startsAt)} → {day(row.original.endsAt)}</span> },
      { id: 'grants', header: 'Grants in the managed tenant', cell: ({ row }) => <span className="block max-w-80 text-xs text-muted-foreground">{row.original.grants.join(', ') || 'nothing'}</span> },
      { id: 'terms', header: 'Service terms', cell: ({ row }) => <span className="block max-w-60 text-xs text-muted-foreground">{termsText(row.original)}</span> },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        enableHiding: false,
        cell: ({ row }) => {
          const l = row.original;
          const other = l.direction === 'outgoing' ? l.managed : l.partner;
          return manage ? (
            <LinkButtons
              slug={slug}
              id={l.id}
              partnerName={other.name}
              tenantName={tenantName}
              outgoing={l.direction === 'outgoing'}
              role={linkAccessRoleLabels[l.accessRole]}
              grants={l.grants}
              canDecide={l.direction === 'incoming' && l.state === 'requested'}
              canRevoke={l.status === 'active'}
            />
          ) : null;
        },
      },
    ],
    [slug, manage, tenantName],
  );
  return (
    <DataTable
      id="links"
      label="Links"
      owner={owner}
      columns={columns}
      rows={links}
      page={{ nextCursor: null }}
      list={list}
      // Shown in the list's own order (no column sorts it).
      sort=""
      searchLabel="Search tenant name or slug"
      filters={
        <>
          <FilterSelect label="Direction" value={list.values.direction} options={[
            { value: 'outgoing', text: 'We manage them' },
            { value: 'incoming', text: 'They manage us' },
          ]} onChange={(v) => list.setFilter('direction', v)} />
          <FilterSelect label="State" value={list.values.state} options={STATES.map((s) => ({ value: s, text: statusBadge(s).text }))} onChange={(v) => list.setFilter('state', v)} />
        </>
      }
      firstUse={<p>No links yet.</p>}
      paged={false}
    />
  );
}

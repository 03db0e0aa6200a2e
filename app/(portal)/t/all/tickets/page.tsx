import type { Metadata } from 'next';
import { allTenantsPage, firstPageIfBadCursor, listParams } from '@/lib/auth/page';
import { listBoard } from '@/lib/data/ticket-board';
import { boardFiltersSchema } from '@/lib/validation/board';
import { firstValues } from '@/lib/validation/common';
import { TicketBoard } from './_components/ticket-board';

export const metadata: Metadata = { title: 'Tickets' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The multi-tenant ticket board: every ticket of every tenant whose live link grants tickets (and
 * the caller's own tenant when their roles there do), with a Tenant column, filters and saved
 * views in the URL, list or board layout, and the queue keys. Each ticket opens in its own tenant.
 */
export default async function AllTenantsTicketsPage({ searchParams }: Props) {
  const ctx = await allTenantsPage('tickets');
  const raw = firstValues(await searchParams);
  const view = raw.view === 'board' ? 'board' : 'list';
  // A value the schema refuses (an edited URL) is dropped; the API answers it with 422.
  const clean = listParams(boardFiltersSchema, {
    tenant_ids: raw.tenant,
    // The board layout is the work still to do: closed tickets are history, unless asked for.
    status: raw.status ?? (view === 'board' ? 'new,open,pending,on_hold,resolved' : undefined),
    priority: raw.priority,
    assigned_to: raw.assignee,
    sla: raw.sla,
    search: raw.q,
    cursor: raw.cursor,
    // The board layout shows a whole queue at once.
    limit: view === 'board' ? 100 : raw.size,
  });
  const input = { ...clean, tenant_ids: clean.tenant_ids?.join(','), status: clean.status?.join(',') };
  const board = await firstPageIfBadCursor((i) => listBoard(ctx, i), input);
  // The SLA countdowns' clock, handed to the browser so its first render reads the same (TicketBoard).
  // eslint-disable-next-line react-hooks/purity -- the page renders per request; time left is "as of now"
  const rendered = Date.now();
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">Tickets</h1>
        <p className="text-sm text-muted-foreground">
          {board.tenants.length} {board.tenants.length === 1 ? 'tenant' : 'tenants'}: {board.tenants.map((t) => t.name).join(', ') || 'none'}. Tenants whose link has ended or does not grant tickets are not included.
        </p>
      </div>
      <TicketBoard items={board.items} nextCursor={board.nextCursor} aggregates={board.aggregates} tenants={board.tenants} me={ctx.user.id} homeSlug={ctx.homeTenant.slug} view={view} rendered={rendered} />
    </div>
  );
}

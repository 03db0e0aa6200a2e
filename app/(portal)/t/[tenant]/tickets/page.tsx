import type { Metadata } from 'next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { firstPageIfBadCursor, listParams, tenantPage } from '@/lib/auth/page';
import { listTicketCategories, listTickets } from '@/lib/data/tickets';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { listTicketsSchema } from '@/lib/validation/tickets';
import { NewTicketForm } from './_components/new-ticket-form';
import { TicketsTable } from './_components/tickets-table';

export const metadata: Metadata = { title: 'Tickets' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The Tickets workspace; when the tenant turns the feature off, it is simply not there. */
export default async function TicketsPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'tickets' });
  const raw = firstValues(await searchParams);
  const input = listParams(listTicketsSchema, { search: raw.q, status: raw.status, priority: raw.priority, sort: raw.sort, cursor: raw.cursor, limit: raw.size });
  const [page, categories] = await Promise.all([firstPageIfBadCursor((i) => listTickets(ctx, i), input), can(ctx, 'tickets.create') ? listTicketCategories(ctx) : Promise.resolve([])]);
  const slug = ctx.activeTenant.slug;
  // The SLA countdowns' clock, handed to the browser so its first render reads the same (TicketsTable).
  // eslint-disable-next-line react-hooks/purity -- the page renders per request; time left is "as of now"
  const rendered = Date.now();

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Tickets</h1>
      <TicketsTable
        slug={slug}
        owner={ctx.user.id}
        page={page}
        sort={input.sort}
        canUpdate={can(ctx, 'tickets.update')}
        actingIn={ctx.via === 'link' ? ctx.activeTenant.name : null}
        rendered={rendered}
      />
      {can(ctx, 'tickets.create') && (
        <Card className="mt-8" id="new-ticket">
          <CardHeader>
            <CardTitle>Open a ticket</CardTitle>
          </CardHeader>
          <CardContent>
            {/* Prefilled from "Create ticket" on an alert (new_subject, new_description, new_priority, new_category in the URL). */}
            <NewTicketForm slug={slug} tenantName={ctx.activeTenant.name} categories={categories} defaults={{ subject: raw.new_subject, description: raw.new_description, priority: raw.new_priority, category: raw.new_category }} />
          </CardContent>
        </Card>
      )}
    </>
  );
}

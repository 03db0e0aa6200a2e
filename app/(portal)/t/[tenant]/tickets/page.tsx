import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { firstPageIfBadCursor, tenantPage } from '@/lib/auth/page';
import { listTickets } from '@/lib/data/tickets';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { listTicketsSchema } from '@/lib/validation/tickets';
import { NewTicketForm } from './_components/new-ticket-form';
import { TicketStatus } from './_components/ticket-status';
import { StatusBadge } from '@/components/ui/status-badge';

export const metadata: Metadata = { title: 'Tickets' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const priorityVariant = { urgent: 'destructive', high: 'warning', normal: 'secondary', low: 'outline' } as const;

/** The Tickets workspace; when the tenant turns the feature off, it is simply not there. */
export default async function TicketsPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'tickets' });
  const raw = firstValues(await searchParams);
  const parsed = listTicketsSchema.safeParse({ status: raw.status, cursor: raw.cursor });
  const page = await firstPageIfBadCursor((i) => listTickets(ctx, i), parsed.success ? parsed.data : {});
  const slug = ctx.activeTenant.slug;
  const update = can(ctx, 'tickets.update');

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Tickets</h1>
      <Table aria-label="Tickets">
        <TableHeader>
          <TableRow>
            <TableHead>Number</TableHead>
            <TableHead>Subject</TableHead>
            <TableHead>Priority</TableHead>
            <TableHead>Requester</TableHead>
            <TableHead>Opened</TableHead>
            <TableHead>Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((t) => (
            <TableRow key={t.id}>
              <TableCell className="font-mono text-xs">{t.number}</TableCell>
              <TableCell>
                <div>{t.subject}</div>
                {t.category && <div className="text-xs text-muted-foreground">{t.category}</div>}
              </TableCell>
              <TableCell>
                <Badge variant={priorityVariant[t.priority]}>{t.priority}</Badge>
              </TableCell>
              <TableCell>{t.requester.name}</TableCell>
              <TableCell className="whitespace-nowrap text-xs">{t.createdAt.slice(0, 16).replace('T', ' ')}</TableCell>
              <TableCell>{update ? <TicketStatus slug={slug} ticket={t} actingIn={ctx.via === 'link' ? ctx.activeTenant.name : null} /> : <StatusBadge value={t.status} />}</TableCell>
            </TableRow>
          ))}
          {page.items.length === 0 && (
            <TableRow>
              <TableCell colSpan={6} className="py-8 text-center text-muted-foreground">
                No tickets.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {page.nextCursor && (
        <Link className="mt-3 inline-block text-sm text-primary hover:underline" href={`/t/${slug}/tickets?cursor=${page.nextCursor}`}>
          Older tickets →
        </Link>
      )}
      {can(ctx, 'tickets.create') && (
        <Card className="mt-8">
          <CardHeader>
            <CardTitle>Open a ticket</CardTitle>
          </CardHeader>
          <CardContent>
            <NewTicketForm slug={slug} />
          </CardContent>
        </Card>
      )}
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { SlaTimer } from '@/components/tickets/sla-timer';
import { TicketThread } from '@/components/tickets/thread';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { pageId, tenantPage } from '@/lib/auth/page';
import { getTicketOrThrow, listTicketComments } from '@/lib/data/tickets';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { StaffReply } from './_components/staff-reply';
import { TicketControls } from './_components/ticket-controls';

export const metadata: Metadata = { title: 'Ticket' };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

/** One ticket for staff: its facts, the controls the caller may use, and the whole thread. */
export default async function TicketPage({ params, searchParams }: { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await tenantPage({ params, workspace: 'tickets' });
  const id = await pageId(params);
  const [ticket, comments] = await Promise.all([getTicketOrThrow(ctx, { id }), listTicketComments(ctx, { id })]);
  const { compose } = firstValues(await searchParams);
  const slug = ctx.activeTenant.slug;
  const closed = ticket.status === 'closed';
  // eslint-disable-next-line react-hooks/purity -- the page renders per request; time left is "as of now"
  const now = Date.now();
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/tickets`}>
            Tickets
          </Link>{' '}
          / {ticket.number}
        </p>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {ticket.subject} <StatusBadge value={ticket.status} />
        </h1>
        {ticket.createdByPartner && <p className="mt-1 text-sm">Created by {ticket.createdByPartner.name}</p>}
        <div className="mt-2 flex flex-wrap gap-2" role="group" aria-label="SLA timers">
          <SlaTimer label="First response" timer={ticket.sla.firstResponse} now={now} />
          <SlaTimer label="Resolution" timer={ticket.sla.resolution} now={now} />
        </div>
      </div>
      <Card>
        <CardContent className="flex flex-col gap-4 pt-6">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Number</dt>
            <dd className="font-mono">{ticket.number}</dd>
            <dt className="text-muted-foreground">Requester</dt>
            <dd>{ticket.requester.name}</dd>
            <dt className="text-muted-foreground">Assignee</dt>
            <dd>{ticket.assignee?.name ?? 'Nobody yet'}</dd>
            <dt className="text-muted-foreground">Priority</dt>
            <dd>{ticket.priority}</dd>
            <dt className="text-muted-foreground">Category</dt>
            <dd>{ticket.category ?? '—'}</dd>
            {ticket.outage && (
              <>
                <dt className="text-muted-foreground">Outage</dt>
                <dd>
                  {when(ticket.outage.start)} to {ticket.outage.end ? when(ticket.outage.end) : 'ongoing'}
                </dd>
              </>
            )}
            {ticket.followUpOf && (
              <>
                <dt className="text-muted-foreground">Follows up</dt>
                <dd>
                  <Link className="underline underline-offset-4" href={`/t/${slug}/tickets/${ticket.followUpOf}`}>
                    the closed ticket
                  </Link>
                </dd>
              </>
            )}
            <dt className="text-muted-foreground">Opened</dt>
            <dd>{when(ticket.createdAt)}</dd>
            <dt className="text-muted-foreground">First response</dt>
            <dd>{when(ticket.firstResponseAt)}</dd>
            {ticket.resolvedAt && (
              <>
                <dt className="text-muted-foreground">Resolved</dt>
                <dd>{when(ticket.resolvedAt)}</dd>
              </>
            )}
            {ticket.closedAt && (
              <>
                <dt className="text-muted-foreground">Closed</dt>
                <dd>{when(ticket.closedAt)}</dd>
              </>
            )}
          </dl>
          <p className="whitespace-pre-wrap text-sm">{ticket.description}</p>
          {!closed && can(ctx, 'tickets.update') && <TicketControls slug={slug} ticket={ticket} me={ctx.user.id} actingIn={ctx.via === 'link' ? ctx.activeTenant.name : null} />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Conversation</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <TicketThread comments={comments} empty="No comments yet." />
          {closed ? (
            <p className="text-sm text-muted-foreground">This ticket is closed. A reply from the requester opens a follow-up.</p>
          ) : (
            can(ctx, 'tickets.comment') && <StaffReply slug={slug} ticketId={ticket.id} requester={ticket.requester.name} compose={compose === 'reply' || compose === 'note' ? compose : undefined} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}

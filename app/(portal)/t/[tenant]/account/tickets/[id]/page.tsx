import type { Metadata } from 'next';
import Link from 'next/link';
import { TicketThread } from '@/components/tickets/thread';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { pageId, tenantPage } from '@/lib/auth/page';
import { getMyTicket } from '@/lib/data/tickets';
import { MyReply } from '../_components/my-ticket-forms';

export const metadata: Metadata = { title: 'Support ticket' };

/** One of the end user's tickets: what they wrote, the public replies, and their reply. */
export default async function MyTicketPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'account' });
  const id = await pageId(params);
  const ticket = await getMyTicket(ctx, { id });
  const slug = ctx.homeTenant.slug;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/account/tickets`}>
            Support tickets
          </Link>{' '}
          / {ticket.number}
        </p>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {ticket.subject} <StatusBadge value={ticket.status} />
        </h1>
        {ticket.followUpOf && (
          <p className="mt-1 text-sm">
            Follows up{' '}
            <Link className="underline underline-offset-4" href={`/t/${slug}/account/tickets/${ticket.followUpOf}`}>
              a closed ticket
            </Link>
          </p>
        )}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Conversation</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <div className="rounded-md border bg-muted/40 p-3 text-sm">
            <p className="mb-1 text-xs text-muted-foreground">You wrote, {ticket.createdAt.slice(0, 16).replace('T', ' ')} UTC</p>
            <p className="whitespace-pre-wrap">{ticket.description}</p>
          </div>
          <TicketThread comments={ticket.comments} empty="No replies yet: we will mail you when there is one." />
          <MyReply slug={slug} ticketId={ticket.id} closed={ticket.status === 'closed'} />
        </CardContent>
      </Card>
    </div>
  );
}

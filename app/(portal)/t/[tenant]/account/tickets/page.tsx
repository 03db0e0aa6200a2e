import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { listMyTickets } from '@/lib/data/tickets';
import { NewMyTicket } from './_components/my-ticket-forms';

export const metadata: Metadata = { title: 'Support tickets' };

/** The end user's own tickets with their provider, and "Open ticket". */
export default async function MyTicketsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'account' });
  const slug = ctx.homeTenant.slug;
  const items = await listMyTickets(ctx);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="mb-1 text-2xl font-semibold">Support tickets</h1>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/account`}>
            My account
          </Link>{' '}
          / Support from {ctx.homeTenant.name}
        </p>
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">You have not opened a ticket yet.</p>
      ) : (
        <Table aria-label="Your tickets">
          <TableHeader>
            <TableRow>
              <TableHead>Ticket</TableHead>
              <TableHead>Subject</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Updated</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((t) => (
              <TableRow key={t.id}>
                <TableCell>
                  <Link className="font-mono text-xs underline-offset-4 hover:underline" href={`/t/${slug}/account/tickets/${t.id}`}>
                    {t.number}
                  </Link>
                </TableCell>
                <TableCell>{t.subject}</TableCell>
                <TableCell>
                  <StatusBadge value={t.status} />
                </TableCell>
                <TableCell className="text-xs">{t.updatedAt.slice(0, 10)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Open a ticket</CardTitle>
        </CardHeader>
        <CardContent>
          <NewMyTicket slug={slug} />
        </CardContent>
      </Card>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { firstPageIfBadCursor, tenantPage } from '@/lib/auth/page';
import { requestLocale } from '@/lib/auth/request';
import { formatPrice } from '@/lib/config/subscriptions';
import { listMyInvoices } from '@/lib/data/billing';
import { firstValues } from '@/lib/validation/common';

export const metadata: Metadata = { title: 'Invoices' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The end user's own invoices, newest first; an open one is paid from its page. */
export default async function MyInvoicesPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'account' });
  const slug = ctx.homeTenant.slug;
  const raw = firstValues(await searchParams);
  const cursor = typeof raw.cursor === 'string' ? raw.cursor : undefined;
  const page = await firstPageIfBadCursor((i) => listMyInvoices(ctx, i), { cursor, limit: 25 });
  const locale = await requestLocale();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="mb-1 text-2xl font-semibold">Invoices</h1>
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/t/${slug}/account`}>
            My account
          </Link>{' '}
          / Invoices from {ctx.homeTenant.name}
        </p>
      </div>
      {page.items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No invoices yet. Each period of your plan is invoiced when it starts.</p>
      ) : (
        <Table aria-label="Your invoices">
          <TableHeader>
            <TableRow>
              <TableHead>Invoice</TableHead>
              <TableHead>Period</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Total</TableHead>
              <TableHead className="text-right">Balance</TableHead>
              <TableHead>Due</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((i) => (
              <TableRow key={i.id}>
                <TableCell>
                  <Link className="font-medium underline-offset-4 hover:underline" href={`/t/${slug}/account/invoices/${i.id}`}>
                    {i.number}
                  </Link>
                </TableCell>
                <TableCell className="text-xs">
                  {i.periodStart.slice(0, 10)} to {i.periodEnd.slice(0, 10)}
                </TableCell>
                <TableCell>
                  <StatusBadge value={i.overdue ? 'overdue' : i.status} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatPrice(i.totalMinor, i.currency, locale)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatPrice(i.balanceMinor, i.currency, locale)}</TableCell>
                <TableCell className="text-xs">{i.dueAt?.slice(0, 10) ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {page.nextCursor && (
        <div>
          <Button asChild variant="outline" size="sm">
            <Link href={`/t/${slug}/account/invoices?cursor=${encodeURIComponent(page.nextCursor)}`}>Older invoices</Link>
          </Button>
        </div>
      )}
    </div>
  );
}

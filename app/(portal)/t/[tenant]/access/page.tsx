import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PortalShell } from '@/components/layout/portal-shell';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/request';
import { listAuditEvents } from '@/lib/data/audit-log';
import { can } from '@/lib/rbac';

export const metadata: Metadata = { title: 'Access' };

/** Who from which partner acted in this tenant through a link, when, and what: from the audit log. */
export default async function AccessPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { tenant } = await params;
  const ctx = await getPageContext(tenant);
  if (ctx.via !== 'home' || !can(ctx, 'audit.read')) notFound();
  const { cursor } = await searchParams;
  const page = await listAuditEvents(ctx, { via: 'link', limit: 100, cursor });
  const slug = ctx.homeTenant.slug;
  return (
    <PortalShell ctx={ctx} workspace="access">
      <h1 className="mb-1 text-2xl font-semibold">Partner access</h1>
      <p className="mb-4 text-sm text-muted-foreground">Everything partners did in {ctx.homeTenant.name} through a link, newest first.</p>
      <Table aria-label="Partner access">
        <TableHeader>
          <TableRow>
            <TableHead>When (UTC)</TableHead>
            <TableHead>Partner</TableHead>
            <TableHead>Staff</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Resource</TableHead>
            <TableHead>Outcome</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((e) => (
            <TableRow key={e.seq}>
              <TableCell className="whitespace-nowrap">{e.occurredAt.slice(0, 19).replace('T', ' ')}</TableCell>
              <TableCell>{e.actorTenant ?? '—'}</TableCell>
              <TableCell>{e.actor ?? '—'}</TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell className="text-xs">{[e.resourceType, e.resourceId].filter(Boolean).join(' ') || '—'}</TableCell>
              <TableCell>{e.outcome}</TableCell>
            </TableRow>
          ))}
          {page.items.length === 0 && (
            <TableRow>
              <TableCell colSpan={6} className="py-8 text-center text-muted-foreground">
                No partner has acted here.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {page.nextCursor && (
        <Link className="mt-4 inline-block text-sm text-primary underline" href={`/t/${slug}/access?cursor=${encodeURIComponent(page.nextCursor)}`}>
          Older
        </Link>
      )}
    </PortalShell>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PortalShell } from '@/components/layout/portal-shell';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { getPageContext } from '@/lib/auth/request';
import { listPartnerAccess } from '@/lib/data/audit-log';
import { can } from '@/lib/rbac';

export const metadata: Metadata = { title: 'Access' };

/** Who from which partner acted in this tenant through a link, when, and what: from the audit log. */
export default async function AccessPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { tenant } = await params;
  const ctx = await getPageContext(tenant);
  if (ctx.via !== 'home' || !can(ctx, 'audit.read')) notFound();
  const { cursor } = await searchParams;
  const page = await listPartnerAccess(ctx, { cursor });
  const slug = ctx.homeTenant.slug;
  return (
    <PortalShell ctx={ctx} workspace="access">
      <h1 className="mb-1 text-2xl font-semibold">Partner access</h1>
      <p className="mb-4 text-sm text-muted-foreground">Everything partners did in {ctx.homeTenant.name} through a link, newest first.</p>
      <AuditEventsTable label="Partner access" events={page.items} empty="No partner has acted here." />
      {page.nextCursor && (
        <Link className="mt-4 inline-block text-sm text-primary underline" href={`/t/${slug}/access?cursor=${encodeURIComponent(page.nextCursor)}`}>
          Older
        </Link>
      )}
    </PortalShell>
  );
}

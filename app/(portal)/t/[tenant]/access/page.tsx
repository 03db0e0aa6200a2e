import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { firstPageIfBadCursor, tenantPage } from '@/lib/auth/page';
import { listPartnerAccess } from '@/lib/data/audit-log';

export const metadata: Metadata = { title: 'Access' };

/** Who from which partner acted in this tenant through a link, when, and what: from the audit log. */
export default async function AccessPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'access' });
  const { cursor } = await searchParams;
  const page = await firstPageIfBadCursor((i) => listPartnerAccess(ctx, i), { cursor });
  const slug = ctx.homeTenant.slug;
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Partner access</h1>
      <p className="mb-4 text-sm text-muted-foreground">Everything partners did in {ctx.homeTenant.name} through a link, newest first.</p>
      <AuditEventsTable label="Partner access" events={page.items} empty="No partner has acted here." />
      {page.nextCursor && (
        <Link className="mt-4 inline-block text-sm text-primary underline" href={`/t/${slug}/access?cursor=${encodeURIComponent(page.nextCursor)}`}>
          Older
        </Link>
      )}
    </>
  );
}

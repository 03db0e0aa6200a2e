import type { Metadata } from 'next';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { firstPageIfBadCursor, tenantPage } from '@/lib/auth/page';
import { listPartnerAccess } from '@/lib/data/audit-log';

export const metadata: Metadata = { title: 'Access' };

/** Who from which partner acted in this tenant through a link, when, and what: from the audit log. */
export default async function AccessPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ cursor?: string; size?: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'access' });
  const { cursor, size } = await searchParams;
  const limit = [25, 50, 100].includes(Number(size)) ? Number(size) : 50;
  const page = await firstPageIfBadCursor((i) => listPartnerAccess(ctx, i), { cursor, limit });
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Partner access</h1>
      <p className="mb-4 text-sm text-muted-foreground">Everything partners did in {ctx.homeTenant.name} through a link, newest first.</p>
      <AuditEventsTable id="access" label="Partner access" owner={ctx.user.id} page={page} empty="No partner has acted here." filterable={false} />
    </>
  );
}

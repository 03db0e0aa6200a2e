import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { firstPageIfBadCursor, tenantPage } from '@/lib/auth/page';
import { listAuditEvents } from '@/lib/data/audit-log';
import { can } from '@/lib/rbac';
import { auditFiltersSchema, listAuditSchema } from '@/lib/validation/audit';
import { firstValues } from '@/lib/validation/common';
import { VerifyButton } from './_components/verify-button';

export const metadata: Metadata = { title: 'Audit' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const filterFields = [
  ['actor', 'Actor email'],
  ['partner', 'Partner (slug)'],
  ['action', 'Action starts with'],
  ['resourceType', 'Resource type'],
  ['resourceId', 'Resource id'],
  ['from', 'From (ISO date)'],
  ['to', 'To (ISO date)'],
] as const;

export default async function AuditPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'audit' });
  const raw = firstValues(await searchParams);
  const parsed = listAuditSchema.safeParse(raw);
  const input = parsed.success ? parsed.data : { limit: 50 };
  const page = await firstPageIfBadCursor((i) => listAuditEvents(ctx, i), input);
  const filters = auditFiltersSchema.safeParse(raw);
  const query = new URLSearchParams(
    Object.entries(filters.success ? filters.data : {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const slug = ctx.activeTenant.slug;

  return (
    <>
      <div className="mb-4 flex items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <div className="flex items-start gap-2">
          {can(ctx, 'audit.export') && (
            <Button asChild variant="outline" size="sm">
              <a href={`/api/v1/audit/export?${query}`}>Export CSV</a>
            </Button>
          )}
          {can(ctx, 'audit.verify') && <VerifyButton slug={slug} />}
        </div>
      </div>
      {!parsed.success && <p className="mb-2 text-sm text-destructive">Some filters were not valid and were ignored.</p>}
      <form className="mb-4 grid grid-cols-2 gap-2 md:grid-cols-4" action={`/t/${slug}/audit`} role="search">
        {filterFields.map(([name, label]) => (
          <Input key={name} name={name} aria-label={label} placeholder={label} defaultValue={raw[name] ?? ''} />
        ))}
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>
      <AuditEventsTable label="Audit events" events={page.items} empty="No events match." />
      {page.nextCursor && (
        <Button asChild variant="outline" size="sm" className="mt-4">
          <Link href={`/t/${slug}/audit?${new URLSearchParams([...query, ['cursor', page.nextCursor]])}`}>Next page</Link>
        </Button>
      )}
    </>
  );
}

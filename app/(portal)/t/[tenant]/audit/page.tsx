import type { Metadata } from 'next';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { ExportButton } from '@/components/exports/export-button';
import { firstPageIfBadCursor, listParams, tenantPage } from '@/lib/auth/page';
import { listAuditEvents } from '@/lib/data/audit-log';
import { can } from '@/lib/rbac';
import { AUDIT_FILTERS } from '@/lib/config/audit';
import { listAuditSchema } from '@/lib/validation/audit';
import { firstValues } from '@/lib/validation/common';
import { VerifyButton } from './_components/verify-button';

export const metadata: Metadata = { title: 'Audit' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'audit' });
  const raw = firstValues(await searchParams);
  const input = listParams(listAuditSchema, { ...Object.fromEntries(AUDIT_FILTERS.map((k) => [k, raw[k]])), cursor: raw.cursor, limit: raw.size });
  const page = await firstPageIfBadCursor((i) => listAuditEvents(ctx, i), input);
  const ignored = AUDIT_FILTERS.filter((k) => raw[k] && !(input as Record<string, unknown>)[k]);
  const query = new URLSearchParams(AUDIT_FILTERS.flatMap((k) => ((input as Record<string, unknown>)[k] ? [[k, String((input as Record<string, unknown>)[k])]] : [])));
  const slug = ctx.activeTenant.slug;

  return (
    <>
      <div className="mb-4 flex items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <div className="flex items-start gap-2">
          {can(ctx, 'audit.export') && (
            <ExportButton
              endpoint="/api/v1/audit/export"
              body={Object.fromEntries(query)}
              title={`Export the audit log of ${ctx.activeTenant.name}?`}
              description={`Every event matching the current filter${query.size ? ` (${[...query].map(([k, v]) => `${k} = ${v}`).join(', ')})` : ''}. The file is ready in the Exports panel (top right) and its link expires in 7 days.`}
            />
          )}
          {can(ctx, 'audit.verify') && <VerifyButton slug={slug} />}
        </div>
      </div>
      {ignored.length > 0 && (
        <p role="status" className="mb-2 text-sm text-destructive">
          Not valid, so not applied: {ignored.join(', ')}.
        </p>
      )}
      <AuditEventsTable id="audit" label="Audit events" owner={ctx.user.id} page={page} empty="No events yet." filterable />
    </>
  );
}

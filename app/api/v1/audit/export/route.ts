import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { startAuditExport } from '@/lib/data/audit-log';
import { auditFiltersSchema } from '@/lib/validation/audit';

/** Starts a CSV export of the active tenant's audit events matching the filters: 202 with the export. */
export const POST = apiRoute({ permission: 'audit.export', rate: 'export', body: auditFiltersSchema }, async ({ ctx, body }) =>
  NextResponse.json(await startAuditExport(ctx, body), { status: 202 }),
);

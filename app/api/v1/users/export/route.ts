import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { startUsersExport } from '@/lib/data/users';
import { exportParams } from '@/lib/data/exports';

/** Starts a CSV export of the active tenant's users matching the filters (feature bulk_export): 202 with the export. */
export const POST = apiRoute({ permission: 'users.read', rate: 'export', body: exportParams.users }, async ({ ctx, body }) =>
  NextResponse.json(await startUsersExport(ctx, body), { status: 202 }),
);

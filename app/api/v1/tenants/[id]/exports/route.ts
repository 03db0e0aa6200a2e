import { NextResponse } from 'next/server';
import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { listTenantExports, requestTenantExport } from '@/lib/data/platform/offboarding';
import { idSchema } from '@/lib/validation/common';

const params = z.object({ id: idSchema });

/** The tenant's exports, newest first: `{ id, status, requestedBy, tables, rows, sizeBytes, error, createdAt, finishedAt }`. */
export const GET = apiRoute({ permission: 'platform.tenants.read', params }, ({ ctx, params }) => listTenantExports(ctx, params));

/** Queues an export of the tenant's data (a ZIP of one CSV per table, built by a job): 202. */
export const POST = apiRoute({ permission: 'platform.tenants.manage', params }, async ({ ctx, params }) => NextResponse.json(await requestTenantExport(ctx, params), { status: 202 }));

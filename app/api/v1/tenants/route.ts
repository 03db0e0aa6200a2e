import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { listTenants, registerTenant } from '@/lib/data/registry';
import { listTenantsSchema, registerTenantSchema } from '@/lib/validation/registry';

export const GET = apiRoute({ permission: 'platform.tenants.read', query: listTenantsSchema }, ({ ctx, query }) =>
  listTenants(ctx, query),
);

export const POST = apiRoute({ permission: 'platform.tenants.manage', body: registerTenantSchema }, async ({ ctx, body }) =>
  NextResponse.json(await registerTenant(ctx, body), { status: 201 }),
);

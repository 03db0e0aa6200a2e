import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { createLinkDirect, listTenantLinks } from '@/lib/data/links';
import { tenantIdParamsSchema } from '@/lib/validation/config';
import { createLinkSchema } from '@/lib/validation/links';

const params = tenantIdParamsSchema;

export const GET = apiRoute({ permission: 'platform.tenants.read', params }, async ({ ctx, params }) => ({
  items: await listTenantLinks(ctx, { tenantId: params.id }),
}));

/** A platform operator links this tenant (as partner) to another, live at once. */
export const POST = apiRoute({ permission: 'platform.links.manage', params, body: createLinkSchema }, async ({ ctx, params, body }) =>
  NextResponse.json(await createLinkDirect(ctx, { partnerTenantId: params.id, link: body }), { status: 201 }),
);

import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { listLinks, requestLink } from '@/lib/data/links';
import { requestLinkSchema } from '@/lib/validation/links';

export const GET = apiRoute({ permission: 'links.read' }, async ({ ctx }) => ({ items: await listLinks(ctx) }));

export const POST = apiRoute({ permission: 'links.manage', body: requestLinkSchema }, async ({ ctx, body }) =>
  NextResponse.json(await requestLink(ctx, body), { status: 201 }),
);

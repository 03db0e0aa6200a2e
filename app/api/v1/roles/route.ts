import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { createRole, listRoles } from '@/lib/data/roles';
import { createRoleSchema } from '@/lib/validation/roles';

export const GET = apiRoute({ permission: 'roles.read' }, async ({ ctx }) => ({ items: await listRoles(ctx) }));

export const POST = apiRoute({ permission: 'roles.write', body: createRoleSchema }, async ({ ctx, body }) =>
  NextResponse.json(await createRole(ctx, body), { status: 201 }),
);

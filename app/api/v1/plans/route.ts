import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { createPlan, listPlans } from '@/lib/data/plans';
import { listPlansSchema, planSchema } from '@/lib/validation/plans';

/** The tenant's plans; `user_types=basic,advanced` keeps plans offered to any of them, `active` filters. */
export const GET = apiRoute({ permission: 'plans.read', query: listPlansSchema }, ({ ctx, query }) => listPlans(ctx, query));

export const POST = apiRoute({ permission: 'plans.write', body: planSchema }, async ({ ctx, body }) => NextResponse.json(await createPlan(ctx, body), { status: 201 }));

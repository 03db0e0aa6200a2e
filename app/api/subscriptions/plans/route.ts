import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { compatCreatePlan, compatListPlans } from '@/lib/data/compat';
import { compatPlanInputSchema, compatPlansQuerySchema } from '@/lib/validation/compat';

// The documents' API: a partner's plans, and a new one.
export const GET = apiRoute({ permission: 'plans.read', contract: 'documents', provider: 'query', query: compatPlansQuerySchema }, ({ ctx, query }) => compatListPlans(ctx, query));

export const POST = apiRoute({ permission: 'plans.write', contract: 'documents', provider: 'body', body: compatPlanInputSchema }, async ({ ctx, body }) =>
  NextResponse.json(await compatCreatePlan(ctx, body), { status: 201 }),
);

import { apiRoute } from '@/lib/api/route';
import { compatDeletePlan, compatUpdatePlan } from '@/lib/data/compat';
import { compatPlanParamsSchema, compatPlanUpdateSchema } from '@/lib/validation/compat';

// The documents' API: change a plan (the fields sent), or delete one without history.
export const PUT = apiRoute({ permission: 'plans.write', contract: 'documents', provider: 'body', params: compatPlanParamsSchema, body: compatPlanUpdateSchema }, ({ ctx, params, body }) =>
  compatUpdatePlan(ctx, params.plan_id, body),
);

export const DELETE = apiRoute({ permission: 'plans.write', contract: 'documents', params: compatPlanParamsSchema }, async ({ ctx, params }) => {
  await compatDeletePlan(ctx, params.plan_id);
  return new Response(null, { status: 204 });
});

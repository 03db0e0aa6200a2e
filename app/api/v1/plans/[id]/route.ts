import { apiRoute } from '@/lib/api/route';
import { deletePlan, getPlan, updatePlan } from '@/lib/data/plans';
import { planIdParamsSchema, updatePlanSchema } from '@/lib/validation/plans';

const params = planIdParamsSchema;

export const GET = apiRoute({ permission: 'plans.read', params }, ({ ctx, params }) => getPlan(ctx, params));

/** The whole plan; `applyToSubscribers: true` moves a new price to current subscribers from their next period. */
export const PUT = apiRoute({ permission: 'plans.write', params, body: updatePlanSchema }, ({ ctx, params, body }) => updatePlan(ctx, { id: params.id, ...body }));

/** 409 while the plan has any subscription history (deactivate it instead). */
export const DELETE = apiRoute({ permission: 'plans.write', params }, async ({ ctx, params }) => {
  await deletePlan(ctx, params);
  return new Response(null, { status: 204 });
});

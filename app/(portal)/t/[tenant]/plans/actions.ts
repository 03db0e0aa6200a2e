'use server';

import { tenantAction } from '@/lib/api/action';
import { createPlan, deletePlan, discontinuePlan, updatePlan } from '@/lib/data/plans';
import { planIdParamsSchema, planSchema, updatePlanSchema } from '@/lib/validation/plans';

export const createPlanAction = tenantAction({ permission: 'plans.write', input: planSchema, revalidate: 'plans' }, createPlan);

export const updatePlanAction = tenantAction({ permission: 'plans.write', input: updatePlanSchema.extend(planIdParamsSchema.shape), revalidate: 'plans' }, updatePlan);

export const discontinuePlanAction = tenantAction({ permission: 'plans.write', input: planIdParamsSchema, revalidate: 'plans' }, discontinuePlan);

export const deletePlanAction = tenantAction({ permission: 'plans.write', input: planIdParamsSchema, revalidate: 'plans' }, async (ctx, input) => {
  await deletePlan(ctx, input);
  return { deleted: input.id };
});

import { apiRoute } from '@/lib/api/route';
import { discontinuePlan } from '@/lib/data/plans';
import { planIdParamsSchema } from '@/lib/validation/plans';

/** No new sign-ups; open signings are rejected; signed subscriptions end at their period end. */
export const POST = apiRoute({ permission: 'plans.write', params: planIdParamsSchema }, ({ ctx, params }) => discontinuePlan(ctx, params));

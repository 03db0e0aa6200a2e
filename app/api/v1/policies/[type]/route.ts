import { apiRoute } from '@/lib/api/route';
import { resetPolicy, updatePolicy } from '@/lib/data/policies';
import { policyParamsSchema, updatePolicySchema } from '@/lib/validation/config';

export const PUT = apiRoute(
  { permission: 'settings.write', params: policyParamsSchema, body: updatePolicySchema },
  ({ ctx, params, body }) => updatePolicy(ctx, { type: params.type, policy: body }),
);

/** Back to the defaults. */
export const DELETE = apiRoute({ permission: 'settings.write', params: policyParamsSchema }, ({ ctx, params }) =>
  resetPolicy(ctx, { type: params.type }),
);

import { apiRoute } from '@/lib/api/route';
import { getTenantRateLimits, setTenantRateLimits } from '@/lib/data/policies';
import { tenantIdParamsSchema, updateRateLimitsSchema } from '@/lib/validation/config';

const params = tenantIdParamsSchema;

export const GET = apiRoute({ permission: 'platform.tenants.read', params }, ({ ctx, params }) => getTenantRateLimits(ctx, { tenantId: params.id }));

export const PUT = apiRoute(
  { permission: 'platform.tenants.manage', params, body: updateRateLimitsSchema },
  ({ ctx, params, body }) => setTenantRateLimits(ctx, { tenantId: params.id, limits: body }),
);

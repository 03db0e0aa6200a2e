import { apiRoute } from '@/lib/api/route';
import { setTenantFeature } from '@/lib/data/features';
import { featureParamsSchema, setTenantFeatureSchema } from '@/lib/validation/config';

export const PUT = apiRoute(
  { permission: 'settings.write', params: featureParamsSchema, body: setTenantFeatureSchema },
  ({ ctx, params, body }) => setTenantFeature(ctx, { key: params.key, enabled: body.enabled }),
);

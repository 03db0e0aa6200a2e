import { apiRoute } from '@/lib/api/route';
import { setEarlyAccess } from '@/lib/data/features';
import { featureParamsSchema, setEarlyAccessSchema } from '@/lib/validation/config';

export const PUT = apiRoute(
  { permission: 'platform.features.manage', params: featureParamsSchema, body: setEarlyAccessSchema },
  ({ ctx, params, body }) => setEarlyAccess(ctx, { key: params.key, ...body }),
);

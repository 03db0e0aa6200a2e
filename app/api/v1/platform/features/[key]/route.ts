import { apiRoute } from '@/lib/api/route';
import { setFeatureStage } from '@/lib/data/features';
import { featureParamsSchema, setFeatureStageSchema } from '@/lib/validation/config';

export const PUT = apiRoute(
  { permission: 'platform.features.manage', params: featureParamsSchema, body: setFeatureStageSchema },
  ({ ctx, params, body }) => setFeatureStage(ctx, { key: params.key, stage: body.stage }),
);

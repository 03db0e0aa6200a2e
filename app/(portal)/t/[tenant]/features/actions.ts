'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { setEarlyAccess, setFeatureStage } from '@/lib/data/features';
import { getTenantBySlugOrThrow } from '@/lib/data/registry';
import { slugSchema } from '@/lib/validation/auth';
import { featureKeySchema, setFeatureStageSchema } from '@/lib/validation/config';

const spec = { permission: 'platform.features.manage', revalidate: 'features' } as const;

export const setStageAction = tenantAction({ ...spec, input: setFeatureStageSchema.extend({ key: featureKeySchema }) }, setFeatureStage);

export const setEarlyAccessAction = tenantAction(
  { ...spec, input: z.object({ key: featureKeySchema, tenantSlug: slugSchema, earlyAccess: z.boolean() }) },
  async (ctx, { key, tenantSlug, earlyAccess }) => {
    const tenant = await getTenantBySlugOrThrow(ctx, { slug: tenantSlug });
    return setEarlyAccess(ctx, { key, tenantId: tenant.id, earlyAccess });
  },
);

'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { setEarlyAccess, setFeatureStage } from '@/lib/data/features';
import { getTenantBySlugOrThrow } from '@/lib/data/registry';
import { slugSchema } from '@/lib/validation/auth';
import { featureKeySchema, setFeatureStageSchema } from '@/lib/validation/config';

const refresh = (slug: string) => revalidatePath(`/t/${slug}/features`);

export const setStageAction = tenantAction(
  { permission: 'platform.features.manage', input: setFeatureStageSchema.extend({ key: featureKeySchema }) },
  async (ctx, { key, stage }) => {
    const feature = await setFeatureStage(ctx, { key, stage });
    refresh(ctx.homeTenant.slug);
    return feature;
  },
);

export const setEarlyAccessAction = tenantAction(
  { permission: 'platform.features.manage', input: z.object({ key: featureKeySchema, tenantSlug: slugSchema, earlyAccess: z.boolean() }) },
  async (ctx, { key, tenantSlug, earlyAccess }) => {
    const tenant = await getTenantBySlugOrThrow(ctx, { slug: tenantSlug });
    const feature = await setEarlyAccess(ctx, { key, tenantId: tenant.id, earlyAccess });
    refresh(ctx.homeTenant.slug);
    return feature;
  },
);

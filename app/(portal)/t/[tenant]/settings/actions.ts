'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { setTenantFeature } from '@/lib/data/features';
import { resetPolicy, updatePolicy } from '@/lib/data/policies';
import { featureKeySchema, policyParamsSchema, updatePolicySchema } from '@/lib/validation/config';

const refresh = (slug: string) => revalidatePath(`/t/${slug}`, 'layout');

export const setFeatureAction = tenantAction(
  { permission: 'settings.write', input: z.object({ key: featureKeySchema, enabled: z.boolean() }) },
  async (ctx, { key, enabled }) => {
    const feature = await setTenantFeature(ctx, { key, enabled });
    refresh(ctx.activeTenant.slug);
    return feature;
  },
);

export const updatePolicyAction = tenantAction(
  { permission: 'settings.write', input: policyParamsSchema.extend({ policy: updatePolicySchema }) },
  async (ctx, { type, policy }) => {
    const saved = await updatePolicy(ctx, { type, policy });
    refresh(ctx.activeTenant.slug);
    return saved;
  },
);

export const resetPolicyAction = tenantAction({ permission: 'settings.write', input: policyParamsSchema }, async (ctx, { type }) => {
  const saved = await resetPolicy(ctx, { type });
  refresh(ctx.activeTenant.slug);
  return saved;
});

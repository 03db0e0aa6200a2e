'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { createLinkDirect, platformRevokeLink } from '@/lib/data/links';
import { setTenantRateLimits } from '@/lib/data/policies';
import { registerTenant, setTenantStatus, updateTenant } from '@/lib/data/registry';
import { idSchema } from '@/lib/validation/common';
import { updateRateLimitsSchema } from '@/lib/validation/config';
import { createLinkSchema } from '@/lib/validation/links';
import { registerTenantSchema, updateTenantSchema } from '@/lib/validation/registry';

export const registerTenantAction = tenantAction(
  { permission: 'platform.tenants.manage', input: registerTenantSchema },
  async (ctx, input) => {
    const result = await registerTenant(ctx, input);
    revalidatePath(`/t/${ctx.activeTenant.slug}/partners`);
    return result;
  },
);

export const updateTenantAction = tenantAction(
  { permission: 'platform.tenants.manage', input: updateTenantSchema },
  async (ctx, input) => {
    const tenant = await updateTenant(ctx, input);
    revalidatePath(`/t/${ctx.activeTenant.slug}/partners`);
    return tenant;
  },
);

export const setTenantStatusAction = tenantAction(
  { permission: 'platform.tenants.manage', input: z.object({ id: idSchema, status: z.enum(['active', 'stopped']) }) },
  async (ctx, input) => {
    const tenant = await setTenantStatus(ctx, input);
    revalidatePath(`/t/${ctx.activeTenant.slug}/partners`);
    return tenant;
  },
);

export const createLinkDirectAction = tenantAction(
  { permission: 'platform.links.manage', input: z.object({ partnerId: idSchema, link: createLinkSchema }) },
  async (ctx, { partnerId, link }) => {
    const created = await createLinkDirect(ctx, { partnerTenantId: partnerId, link });
    revalidatePath(`/t/${ctx.activeTenant.slug}/partners`, 'layout');
    return created;
  },
);

export const platformRevokeLinkAction = tenantAction(
  { permission: 'platform.links.manage', input: z.object({ tenantId: idSchema, linkId: idSchema }) },
  async (ctx, { tenantId, linkId }) => {
    const link = await platformRevokeLink(ctx, { tenantId, linkId });
    revalidatePath(`/t/${ctx.activeTenant.slug}/partners`, 'layout');
    return link;
  },
);

export const setRateLimitsAction = tenantAction(
  { permission: 'platform.tenants.manage', input: z.object({ tenantId: idSchema, limits: updateRateLimitsSchema }) },
  async (ctx, { tenantId, limits }) => {
    const saved = await setTenantRateLimits(ctx, { tenantId, limits });
    revalidatePath(`/t/${ctx.activeTenant.slug}/partners`, 'layout');
    return saved;
  },
);

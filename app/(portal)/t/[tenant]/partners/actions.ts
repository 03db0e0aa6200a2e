'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { registerTenant, setTenantStatus, updateTenant } from '@/lib/data/registry';
import { idSchema } from '@/lib/validation/common';
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

'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { createLinkDirect, platformRevokeLink } from '@/lib/data/links';
import { setTenantRateLimits } from '@/lib/data/policies';
import { deleteTenantData, requestTenantExport } from '@/lib/data/platform/offboarding';
import { registerTenant, setTenantStatus, updateTenant } from '@/lib/data/registry';
import { idSchema } from '@/lib/validation/common';
import { updateRateLimitsSchema } from '@/lib/validation/config';
import { createLinkSchema } from '@/lib/validation/links';
import { registerTenantSchema, updateTenantSchema } from '@/lib/validation/registry';
import { deleteTenantDataSchema } from '@/lib/validation/offboarding';

const manage = { permission: 'platform.tenants.manage', revalidate: 'partners' } as const;
const links = { permission: 'platform.links.manage', revalidate: 'partners' } as const;

export const registerTenantAction = tenantAction({ ...manage, input: registerTenantSchema }, registerTenant);
export const updateTenantAction = tenantAction({ ...manage, input: updateTenantSchema }, updateTenant);
export const setTenantStatusAction = tenantAction(
  { ...manage, input: z.object({ id: idSchema, status: z.enum(['active', 'stopped']) }) },
  setTenantStatus,
);
export const createLinkDirectAction = tenantAction(
  { ...links, input: z.object({ partnerId: idSchema, link: createLinkSchema }) },
  (ctx, { partnerId, link }) => createLinkDirect(ctx, { partnerTenantId: partnerId, link }),
);
export const platformRevokeLinkAction = tenantAction({ ...links, input: z.object({ tenantId: idSchema, linkId: idSchema }) }, platformRevokeLink);
export const setRateLimitsAction = tenantAction({ ...manage, input: z.object({ tenantId: idSchema, limits: updateRateLimitsSchema }) }, setTenantRateLimits);
export const requestTenantExportAction = tenantAction({ ...manage, input: z.object({ id: idSchema }) }, requestTenantExport);
export const deleteTenantDataAction = tenantAction({ ...manage, input: deleteTenantDataSchema.extend({ id: idSchema }) }, deleteTenantData);

import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { setTenantStatus } from '@/lib/data/registry';
import { idSchema } from '@/lib/validation/common';

/** Stops a tenant: its sessions and links end now; its data stays. */
export const POST = apiRoute({ permission: 'platform.tenants.manage', params: z.object({ id: idSchema }) }, ({ ctx, params }) =>
  setTenantStatus(ctx, { id: params.id, status: 'stopped' }),
);

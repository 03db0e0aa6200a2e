import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { setTenantStatus } from '@/lib/data/registry';
import { idSchema } from '@/lib/validation/common';

export const POST = apiRoute({ permission: 'platform.tenants.manage', params: z.object({ id: idSchema }) }, ({ ctx, params }) =>
  setTenantStatus(ctx, { id: params.id, status: 'active' }),
);

import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { getTenantOrThrow, updateTenant } from '@/lib/data/registry';
import { idSchema } from '@/lib/validation/common';
import { updateTenantSchema } from '@/lib/validation/registry';

const params = z.object({ id: idSchema });

export const GET = apiRoute({ permission: 'platform.tenants.read', params }, ({ ctx, params }) => getTenantOrThrow(ctx, params));

export const PATCH = apiRoute(
  { permission: 'platform.tenants.manage', params, body: updateTenantSchema.omit({ id: true }) },
  ({ ctx, params, body }) => updateTenant(ctx, { ...body, id: params.id }),
);

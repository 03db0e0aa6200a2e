import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { deleteTenantData } from '@/lib/data/platform/offboarding';
import { idSchema } from '@/lib/validation/common';
import { deleteTenantDataSchema } from '@/lib/validation/offboarding';

/**
 * Deletes a tenant's data for good, body `{ confirm: <slug> }`: only 30 days or more after it was
 * stopped (409 before, naming the date); its registry entry and audit trail stay.
 */
export const DELETE = apiRoute({ permission: 'platform.tenants.manage', params: z.object({ id: idSchema }), body: deleteTenantDataSchema }, ({ ctx, params, body }) =>
  deleteTenantData(ctx, { id: params.id, confirm: body.confirm }),
);

import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { platformRevokeLink } from '@/lib/data/links';
import { idSchema } from '@/lib/validation/common';

const params = z.object({ id: idSchema, linkId: idSchema });

export const POST = apiRoute({ permission: 'platform.links.manage', params }, ({ ctx, params }) =>
  platformRevokeLink(ctx, { tenantId: params.id, linkId: params.linkId }),
);

import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { decideUpgradeRequest } from '@/lib/data/upgrades';
import { upgradeDecisionSchema } from '@/lib/validation/account';
import { idSchema } from '@/lib/validation/common';

export const POST = apiRoute(
  { permission: 'users.kyc.review', params: z.object({ id: idSchema }), body: upgradeDecisionSchema },
  ({ ctx, params, body }) => decideUpgradeRequest(ctx, { id: params.id, ...body }),
);

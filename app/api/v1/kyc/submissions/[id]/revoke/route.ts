import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { revokeKycVerification } from '@/lib/data/kyc';
import { kycRevokeSchema } from '@/lib/validation/account';
import { idSchema } from '@/lib/validation/common';

/** Revokes a verified check, with a reason; its holder drops below the type it led to. */
export const POST = apiRoute(
  { permission: 'users.kyc.review', params: z.object({ id: idSchema }), body: kycRevokeSchema },
  ({ ctx, params, body }) => revokeKycVerification(ctx, { id: params.id, ...body }),
);

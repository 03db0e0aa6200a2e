import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { decideKycSubmission } from '@/lib/data/kyc';
import { kycDecisionSchema } from '@/lib/validation/account';
import { idSchema } from '@/lib/validation/common';

/** Approve, request resubmission or reject; 409 when it was already decided. */
export const POST = apiRoute(
  { permission: 'users.kyc.review', params: z.object({ id: idSchema }), body: kycDecisionSchema },
  ({ ctx, params, body }) => decideKycSubmission(ctx, { id: params.id, ...body }),
);

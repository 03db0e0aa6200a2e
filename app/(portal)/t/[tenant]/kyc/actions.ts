'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { assignKycSubmission, decideKycSubmission, revokeKycVerification } from '@/lib/data/kyc';
import { decideUpgradeRequest } from '@/lib/data/upgrades';
import { kycDecisionSchema, kycRevokeSchema, upgradeDecisionSchema } from '@/lib/validation/account';
import { idSchema } from '@/lib/validation/common';

const spec = { permission: 'users.kyc.review', revalidate: 'kyc' } as const;

export const assignKycAction = tenantAction({ ...spec, input: z.object({ id: idSchema }) }, assignKycSubmission);

export const decideKycAction = tenantAction({ ...spec, input: z.object({ id: idSchema, decision: kycDecisionSchema }) }, async (ctx, { id, decision }) => {
  const review = await decideKycSubmission(ctx, { id, ...decision });
  return { id: review.id, status: review.status };
});

export const decideUpgradeAction = tenantAction({ ...spec, input: upgradeDecisionSchema.extend({ id: idSchema }) }, decideUpgradeRequest);

export const revokeKycAction = tenantAction({ ...spec, input: kycRevokeSchema.extend({ id: idSchema }) }, async (ctx, input) => {
  const review = await revokeKycVerification(ctx, input);
  return { id: review.id, status: review.status };
});

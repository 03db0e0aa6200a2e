import { z } from 'zod';
import { readKycStep } from '@/lib/api/kyc-upload';
import { apiRoute } from '@/lib/api/route';
import { getMyKyc, saveMyKyc } from '@/lib/data/kyc';
import { kycKinds } from '@/lib/config/enums';

/** The caller's own KYC (the identity check unless `kind` asks for another). */
export const GET = apiRoute({ permission: 'account.kyc', query: z.object({ kind: z.enum(kycKinds).optional() }) }, ({ ctx, query }) => getMyKyc(ctx, query));

/** Saves a step (JSON, or multipart with files) and, with `submit: true`, submits the attempt. */
export const POST = apiRoute({ permission: 'account.kyc' }, async ({ ctx, req }) => {
  const { fields, files } = await readKycStep(req);
  return saveMyKyc(ctx, fields, files);
});

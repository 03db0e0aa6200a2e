import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { fileResponse } from '@/lib/api/file-response';
import { readKycFile } from '@/lib/data/kyc';
import { idSchema } from '@/lib/validation/common';

/** A submitted document, for its reviewer; every view is audited. */
export const GET = apiRoute(
  { permission: 'users.kyc.review', params: z.object({ id: idSchema, fileId: idSchema }) },
  async ({ ctx, params }) => fileResponse(await readKycFile(ctx, params)),
);

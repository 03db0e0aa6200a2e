import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { fileResponse } from '@/lib/api/file-response';
import { readMyKycFile } from '@/lib/data/kyc';
import { idSchema } from '@/lib/validation/common';

/** One of the caller's own uploads (the stepper's thumbnail). */
export const GET = apiRoute({ permission: 'account.kyc', params: z.object({ fileId: idSchema }) }, async ({ ctx, params }) => fileResponse(await readMyKycFile(ctx, params)));

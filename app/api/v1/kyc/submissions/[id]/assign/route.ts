import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { assignKycSubmission } from '@/lib/data/kyc';
import { idSchema } from '@/lib/validation/common';

/** "Assign to me": a waiting submission moves to in review with the caller. */
export const POST = apiRoute({ permission: 'users.kyc.review', params: z.object({ id: idSchema }) }, ({ ctx, params }) => assignKycSubmission(ctx, params));

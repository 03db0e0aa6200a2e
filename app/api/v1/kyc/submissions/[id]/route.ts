import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { getKycSubmission } from '@/lib/data/kyc';
import { idSchema } from '@/lib/validation/common';

export const GET = apiRoute({ permission: 'users.kyc.review', params: z.object({ id: idSchema }) }, ({ ctx, params }) => getKycSubmission(ctx, params));

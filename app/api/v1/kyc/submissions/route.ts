import { apiRoute } from '@/lib/api/route';
import { listKycQueue } from '@/lib/data/kyc';
import { kycQueueSchema } from '@/lib/validation/kyc-queue';

/** The reviewer queue (waiting oldest first by default), keyset-paged. Never through a link. */
export const GET = apiRoute({ permission: 'users.kyc.review', query: kycQueueSchema }, ({ ctx, query }) => listKycQueue(ctx, query));

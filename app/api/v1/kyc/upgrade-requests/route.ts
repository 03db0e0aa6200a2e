import { apiRoute } from '@/lib/api/route';
import { listUpgradeRequests } from '@/lib/data/upgrades';

/** Pending upgrade requests (admin approval, or waiting for their KYC). */
export const GET = apiRoute({ permission: 'users.kyc.review' }, async ({ ctx }) => ({ items: await listUpgradeRequests(ctx) }));

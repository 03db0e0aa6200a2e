import { apiRoute } from '@/lib/api/route';
import { listPlatformFeatures } from '@/lib/data/features';

export const GET = apiRoute({ permission: 'platform.features.manage' }, async ({ ctx }) => ({ items: await listPlatformFeatures(ctx) }));

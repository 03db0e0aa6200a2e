import { apiRoute } from '@/lib/api/route';
import { listTenantFeatures } from '@/lib/data/features';

export const GET = apiRoute({ permission: 'settings.read' }, async ({ ctx }) => ({ items: await listTenantFeatures(ctx) }));

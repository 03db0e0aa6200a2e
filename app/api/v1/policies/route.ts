import { apiRoute } from '@/lib/api/route';
import { listPolicies } from '@/lib/data/policies';

export const GET = apiRoute({ permission: 'settings.read' }, async ({ ctx }) => ({ items: await listPolicies(ctx) }));

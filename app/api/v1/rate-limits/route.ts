import { apiRoute } from '@/lib/api/route';
import { getRateLimits } from '@/lib/data/policies';

export const GET = apiRoute({ permission: 'settings.read' }, ({ ctx }) => getRateLimits(ctx));

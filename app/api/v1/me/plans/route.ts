import { apiRoute } from '@/lib/api/route';
import { listMyPlanCards } from '@/lib/data/plans';

/** Every active plan of the caller's tenant, each with whether they may subscribe and why not. */
export const GET = apiRoute({ permission: 'account.read' }, ({ ctx }) => listMyPlanCards(ctx));

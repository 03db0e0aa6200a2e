import { apiRoute } from '@/lib/api/route';
import { describeMe } from '@/lib/data/me';

export const GET = apiRoute({ permission: 'account.read' }, ({ ctx }) => describeMe(ctx));

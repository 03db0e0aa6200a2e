import { apiRoute } from '@/lib/api/route';
import { compatStatus } from '@/lib/data/compat';
import { compatStatusQuerySchema } from '@/lib/validation/compat';

// The documents' API: a user's sub_status.
export const GET = apiRoute({ permission: 'subscriptions.read', contract: 'documents', provider: 'query', query: compatStatusQuerySchema }, ({ ctx, query }) => compatStatus(ctx, query.user_id));

import { apiRoute } from '@/lib/api/route';
import { compatUnsubscribe } from '@/lib/data/compat';
import { compatUserParamsSchema } from '@/lib/validation/compat';

// The documents' API: ends the user's live subscription now.
export const POST = apiRoute({ permission: 'subscriptions.write', contract: 'documents', params: compatUserParamsSchema }, ({ ctx, params }) => compatUnsubscribe(ctx, params.user_id));

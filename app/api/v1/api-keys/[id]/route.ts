import { apiRoute } from '@/lib/api/route';
import { revokeApiKey } from '@/lib/data/api-keys';
import { apiKeyIdSchema } from '@/lib/validation/api-keys';

/** Revokes a key of your tenant: the next call with it is refused (401). Revoking it again changes nothing. */
export const DELETE = apiRoute({ permission: 'api_keys.manage', params: apiKeyIdSchema }, ({ ctx, params }) => revokeApiKey(ctx, params));

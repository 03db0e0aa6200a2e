'use server';

import { tenantAction } from '@/lib/api/action';
import { createApiKey, revokeApiKey } from '@/lib/data/api-keys';
import { apiKeyIdSchema, createApiKeySchema } from '@/lib/validation/api-keys';

/** A key for the caller with some of their own permissions; the answer carries the token, shown once. */
export const createApiKeyAction = tenantAction({ permission: 'api_keys.manage', input: createApiKeySchema, revalidate: 'api-keys' }, createApiKey);

/** Revokes a key of the tenant at once. */
export const revokeApiKeyAction = tenantAction({ permission: 'api_keys.manage', input: apiKeyIdSchema, revalidate: 'api-keys' }, revokeApiKey);

import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { createApiKey, listApiKeys } from '@/lib/data/api-keys';
import { createApiKeySchema } from '@/lib/validation/api-keys';

/** Every API key of your tenant (never a secret): name, prefix, permissions, who made it, expiry, last use, status. */
export const GET = apiRoute({ permission: 'api_keys.manage' }, async ({ ctx }) => ({ items: await listApiKeys(ctx) }));

/** A key for you with some of your own permissions; 201 with `token`, shown this once. Signed in only (not with a key). */
export const POST = apiRoute({ permission: 'api_keys.manage', body: createApiKeySchema }, async ({ ctx, body }) =>
  NextResponse.json(await createApiKey(ctx, body), { status: 201 }),
);

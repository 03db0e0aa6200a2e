import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { createWebhook, listWebhooks } from '@/lib/data/webhooks';
import { createWebhookSchema } from '@/lib/validation/webhooks';

/** Your tenant's webhook endpoints, with delivery counts (never a secret). */
export const GET = apiRoute({ permission: 'webhooks.manage' }, async ({ ctx }) => ({ items: await listWebhooks(ctx) }));

/** A new endpoint; 201 with `secret` (`whsec_…`), shown this once. 422 for an http, private or loopback URL. */
export const POST = apiRoute({ permission: 'webhooks.manage', body: createWebhookSchema }, async ({ ctx, body }) => NextResponse.json(await createWebhook(ctx, body), { status: 201 }));

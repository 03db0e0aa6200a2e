import { NextResponse } from 'next/server';
import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { listSubscriptions, subscribe } from '@/lib/data/subscriptions';
import { listSubscriptionsSchema, subscribeSchema } from '@/lib/validation/plans';

export const GET = apiRoute({ permission: 'subscriptions.read', query: listSubscriptionsSchema }, ({ ctx, query }) => listSubscriptions(ctx, query));

/** The caller subscribes to a plan of their tenant: 201 with `state: "signing"`; the code goes by mail. */
export const POST = apiRoute({ permission: 'subscriptions.self', body: subscribeSchema }, async ({ ctx, body, req }) =>
  NextResponse.json(await subscribe(ctx, body, idempotencyOf(req, body)), { status: 201 }),
);

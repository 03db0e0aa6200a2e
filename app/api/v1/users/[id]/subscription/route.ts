import { NextResponse } from 'next/server';
import { idempotencyOf } from '@/lib/api/idempotency';
import { apiRoute } from '@/lib/api/route';
import { assignPlan } from '@/lib/data/subscriptions';
import { assignPlanSchema, userIdParamsSchema } from '@/lib/validation/plans';

/** Staff put a user on a plan (signed from now, no code); through a link: partner.provisioning.plans.assign. */
export const POST = apiRoute({ permission: 'subscriptions.write', params: userIdParamsSchema, body: assignPlanSchema }, async ({ ctx, params, body, req }) =>
  NextResponse.json(await assignPlan(ctx, { userId: params.id, ...body }, idempotencyOf(req, body)), { status: 201 }),
);

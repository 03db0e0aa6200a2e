'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { approveSubscription, assignPlan, cancelSubscription, rejectSubscription, resumeSubscription, suspendSubscription } from '@/lib/data/subscriptions';
import { idSchema } from '@/lib/validation/common';
import { assignPlanSchema, cancelSchema, rejectSchema, resumeSchema, suspendSchema } from '@/lib/validation/plans';

const step = z.discriminatedUnion('step', [
  z.object({ step: z.literal('approve'), id: idSchema }),
  rejectSchema.extend({ step: z.literal('reject'), id: idSchema }),
  suspendSchema.extend({ step: z.literal('suspend'), id: idSchema }),
  resumeSchema.extend({ step: z.literal('resume'), id: idSchema }),
  cancelSchema.extend({ step: z.literal('cancel'), id: idSchema }),
]);

/** A staff transition (approve, reject, suspend, resume, cancel) through the one state machine. */
export const subscriptionStepAction = tenantAction({ permission: 'subscriptions.write', input: step, revalidate: 'subscriptions' }, (ctx, input) => {
  switch (input.step) {
    case 'approve':
      return approveSubscription(ctx, { id: input.id });
    case 'reject':
      return rejectSubscription(ctx, { id: input.id, reason: input.reason });
    case 'suspend':
      return suspendSubscription(ctx, { id: input.id, reason: input.reason, note: input.note });
    case 'resume':
      return resumeSubscription(ctx, { id: input.id, note: input.note });
    case 'cancel':
      return cancelSubscription(ctx, { id: input.id, at_period_end: input.at_period_end, reason: input.reason });
  }
});

/** Staff put a user on a plan (the user's page). */
export const assignPlanAction = tenantAction({ permission: 'subscriptions.write', input: assignPlanSchema.extend({ userId: idSchema }), revalidate: 'subscriptions' }, assignPlan);

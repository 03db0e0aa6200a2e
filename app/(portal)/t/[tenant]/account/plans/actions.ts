'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { requestHash } from '@/lib/api/idempotency';
import { cancelMySubscription, confirmSubscription, keepMySubscription, resendCode, subscribe, withdrawSigning } from '@/lib/data/subscriptions';
import { idSchema } from '@/lib/validation/common';
import { cancelSchema, confirmSchema, subscribeSchema } from '@/lib/validation/plans';

// The end user's own subscription steps. Subscribe and sign carry an idempotency key the page
// makes once per checkout, so a double submit answers once.
const key = z.uuid();

export const subscribeAction = tenantAction({ permission: 'subscriptions.self', input: subscribeSchema.extend({ key }), revalidate: 'account' }, (ctx, { key, ...input }) =>
  subscribe(ctx, input, { key, requestHash: requestHash('subscribe', input) }),
);

export const confirmAction = tenantAction({ permission: 'subscriptions.self', input: confirmSchema.extend({ id: idSchema, key }), revalidate: 'account' }, (ctx, { key, ...input }) =>
  confirmSubscription(ctx, input, { key, requestHash: requestHash('confirm', input) }),
);

const step = z.discriminatedUnion('step', [
  z.object({ step: z.literal('resend'), id: idSchema }),
  z.object({ step: z.literal('withdraw'), id: idSchema }),
  z.object({ step: z.literal('keep') }),
  cancelSchema.extend({ step: z.literal('cancel') }),
]);

/** Send a new code, cancel a signing request, keep a plan set to cancel, or cancel it. */
export const mySubscriptionStepAction = tenantAction({ permission: 'subscriptions.self', input: step, revalidate: 'account' }, async (ctx, input) => {
  switch (input.step) {
    case 'resend':
      await resendCode(ctx, { id: input.id });
      return { done: 'resend' as const };
    case 'withdraw':
      await withdrawSigning(ctx, { id: input.id });
      return { done: 'withdraw' as const };
    case 'keep':
      await keepMySubscription(ctx);
      return { done: 'keep' as const };
    case 'cancel':
      await cancelMySubscription(ctx, { at_period_end: input.at_period_end, reason: input.reason });
      return { done: 'cancel' as const };
  }
});

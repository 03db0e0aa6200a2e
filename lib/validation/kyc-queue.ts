import { kycKinds } from '@/lib/config/enums';
import { cursorSchema, limitSchema, sortSchema } from './common';
import { z } from './zod';

// The reviewer queue's parameters: server-side only (pages and the API), apart from the client
// forms' schemas in ./account, so no form carries the cursor helpers into the browser.

export const kycQueueStates = ['waiting', 'submitted', 'in_review', 'decided'] as const;
export const kycQueueSchema = z.object({
  state: z.enum(kycQueueStates).default('waiting'),
  kind: z.enum(kycKinds).optional(),
  mine: z.enum(['1']).optional(),
  sort: sortSchema(['submitted'], 'submitted.asc'),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type KycQueueInput = z.input<typeof kycQueueSchema>;

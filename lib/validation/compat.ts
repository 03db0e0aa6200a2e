import { z } from 'zod';
import { billingCycles, planUserTypes, type userStatuses, type userTypes } from '@/lib/config/enums';
import { currencies } from '@/lib/config/subscriptions';

// The documents' API (docs/contracts/documents-openapi.yaml): its parameter rules, as the routes
// under app/api/external, app/api/partner and app/api/subscriptions parse them.

export const customerNumberSchema = z.string().regex(/^\d{7}$/, 'user_id is the 7-digit customer number.');
export const providerCodeSchema = z.string().regex(/^\d{4}$/, 'provider_id is the 4-digit provider code.');
const planIdSchema = z.uuid({ message: 'plan_id is the plan id the plans list gives.' });

/** Nanoseconds since the epoch, as the contract's `from` and `to` (an integer, possibly past 2^53). */
const nanos = z
  .string()
  .regex(/^\d{1,20}$/, 'A timestamp in nanoseconds since the epoch (an integer).')
  .transform((s) => BigInt(s));

export const compatUsersQuerySchema = z.object({
  user_id: customerNumberSchema.optional(),
  provider_id: providerCodeSchema.optional(),
  from: nanos.optional(),
  to: nanos.optional(),
  limit: z.coerce.number().int('limit is a whole number.').min(10, 'limit is at least 10.').max(1000, 'limit is at most 1000.').default(1000),
});
export type CompatUsersQuery = z.output<typeof compatUsersQuerySchema>;

/** provider_id is required by the contract; without it the answer is the tenant the caller acts in. */
export const compatPartnerQuerySchema = z.object({
  provider_id: providerCodeSchema.optional(),
  status: z.enum(['active', 'stopped'], { message: 'status is active or stopped.' }).optional(),
});

const userTypesCsv = z
  .string()
  .regex(/^(basic|company|advanced)(,(basic|company|advanced))*$/, 'user_types is a comma-separated list of basic, company, advanced.')
  .transform((s) => [...new Set(s.split(','))] as (typeof planUserTypes)[number][]);

export const compatPlansQuerySchema = z.object({ provider_id: providerCodeSchema.optional(), user_types: userTypesCsv.optional() });

const planFields = {
  name: z.string().trim().min(2, 'name is at least 2 characters.').max(80, 'name is at most 80 characters.'),
  available_for: z.array(z.enum(planUserTypes, { message: 'available_for holds basic, company or advanced.' })).min(1, 'available_for names at least one type.'),
  price: z.number({ message: 'price is a number.' }).min(0, 'price cannot be below zero.').max(10_000_000, 'price is at most 10,000,000.'),
  billing_cycle: z.enum(billingCycles, { message: 'billing_cycle is monthly or yearly.' }),
  active: z.boolean({ message: 'active is true or false.' }),
  /** Not in the contract: the plan's ISO 4217 currency (see compatCreatePlan). */
  currency: z.enum(currencies, { message: `currency is one of ${currencies.join(', ')}.` }),
};

export const compatPlanInputSchema = z.object({
  ...planFields,
  provider_id: providerCodeSchema.optional(),
  active: planFields.active.optional(),
  currency: planFields.currency.optional(),
});
export type CompatPlanInput = z.output<typeof compatPlanInputSchema>;

export const compatPlanUpdateSchema = z
  .object(planFields)
  .partial()
  .extend({ provider_id: providerCodeSchema.optional() })
  .refine((b) => Object.keys(b).some((k) => k !== 'provider_id'), 'Send at least one field to change.');
export type CompatPlanUpdate = z.output<typeof compatPlanUpdateSchema>;

export const compatPlanParamsSchema = z.object({ plan_id: planIdSchema });
export const compatUserParamsSchema = z.object({ user_id: customerNumberSchema });
export const compatUserPlanParamsSchema = z.object({ user_id: customerNumberSchema, plan_id: planIdSchema });

/** The body of subscribe: the contract repeats the path's ids; when sent they must agree. */
export const compatSubscribeBodySchema = z
  .object({ user_id: customerNumberSchema.optional(), plan_id: z.string().optional() })
  .optional();
export const compatConfirmBodySchema = z.object({
  user_id: customerNumberSchema.optional(),
  plan_id: z.string().optional(),
  confirmation_code: z.string().trim().regex(/^\d{6}$/, 'confirmation_code is the 6 digits mailed to the user.'),
});
export const compatStatusQuerySchema = z.object({ user_id: customerNumberSchema, provider_id: providerCodeSchema.optional() });

export type CompatUser = {
  user_id: string;
  provider_id: string;
  status: (typeof userStatuses)[number];
  type: (typeof userTypes)[number];
  zone?: string;
  sub_status: 'signed' | 'unsigned' | 'suspended' | 'absent';
};
export type CompatPartner = { provider_id: string; name: string; status: 'active' | 'stopped'; created_at: string };
export type CompatPlan = {
  plan_id: string;
  name: string;
  provider_id: string;
  available_for: (typeof planUserTypes)[number][];
  price: number;
  currency: string;
  billing_cycle: (typeof billingCycles)[number];
  active: boolean;
};
export type CompatStatus = { user_id: string; sub_status: 'signed' | 'unsigned' | 'suspended' | 'absent' };

import { z } from './zod';
import { cursorSchema, idSchema, limitSchema, sortSchema } from './common';
import { billingCycles, planUserTypes, subscriptionStates, suspensionReasons, type BillingCycle, type PlanUserType, type SubscriptionState, type SubStatus, type SuspensionReason } from '@/lib/config/enums';
import { currencies, PRICE_CAP_MINOR } from '@/lib/config/subscriptions';


const optionalLimit = (what: string, max: number) =>
  z
    .number({ message: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(1, `${what} must be at least 1.`)
    .max(max, `${what} must be at most ${max.toLocaleString('en')}.`)
    .nullable()
    .default(null);

/** A plan as an admin writes it (create and edit). Prices are integer minor units, never floats. */
export const planSchema = z.object({
  name: z.string().trim().min(2, 'Name is at least 2 characters.').max(80, 'Name is at most 80 characters.'),
  description: z.string().trim().max(2000, 'Description is at most 2,000 characters.').default(''),
  features: z
    .array(z.string().trim().min(1, 'A feature line is not empty.').max(120, 'A feature line is at most 120 characters.'))
    .max(12, 'At most 12 feature lines.')
    .default([]),
  priceMinor: z
    .number({ message: 'Price must be a number of minor units (cents).' })
    .int('Price is a whole number of minor units (2999 for 29.99).')
    .min(0, 'Price cannot be below zero.')
    .max(PRICE_CAP_MINOR, `Price is at most ${PRICE_CAP_MINOR.toLocaleString('en')} minor units.`),
  currency: z.enum(currencies, { message: `Currency must be an ISO 4217 code the portal prices in (${currencies.join(', ')}).` }),
  billingCycle: z.enum(billingCycles, { message: 'Billing cycle is monthly or yearly.' }),
  availableFor: z
    .array(z.enum(planUserTypes, { message: 'Eligible types are basic, advanced and company only (never guest or admin).' }))
    .min(1, 'Choose at least one eligible type.')
    .refine((types) => new Set(types).size === types.length, 'Each type once.'),
  opsPerDay: optionalLimit('Operations per day', 1_000_000),
  opsPerWeek: optionalLimit('Operations per week', 10_000_000),
  inactivityTimeoutMinutes: optionalLimit('Inactivity timeout', 10_080),
  active: z.boolean().default(true),
});
export type PlanInput = z.input<typeof planSchema>;

/** An edit: the plan, and whether a price change reaches current subscribers from their next period. */
export const updatePlanSchema = planSchema.extend({ applyToSubscribers: z.boolean().default(false) });
export type UpdatePlanInput = z.input<typeof updatePlanSchema>;

const userTypesCsv = z
  .string()
  .regex(/^(basic|company|advanced)(,(basic|company|advanced))*$/, 'user_types is a comma-separated list of basic, advanced, company.')
  .transform((s) => [...new Set(s.split(','))] as PlanUserType[]);

export const listPlansSchema = z.object({
  user_types: userTypesCsv.optional(),
  active: z.enum(['true', 'false'], { message: 'active is true or false.' }).optional(),
});

export const planIdParamsSchema = z.object({ id: idSchema });

export type PlanDto = {
  id: string;
  name: string;
  description: string;
  features: string[];
  priceMinor: number;
  currency: string;
  billingCycle: BillingCycle;
  availableFor: PlanUserType[];
  opsPerDay: number | null;
  opsPerWeek: number | null;
  inactivityTimeoutMinutes: number | null;
  active: boolean;
  discontinuedAt: string | null;
  /** Live subscriptions (signing, signed, suspended). */
  subscriberCount: number;
  /** Any subscription ever (a plan with history cannot be deleted). */
  historyCount: number;
  createdAt: string;
  updatedAt: string;
};

/** A plan as an end user sees it: with whether they may subscribe, and why not. */
export type PlanCardDto = Pick<PlanDto, 'id' | 'name' | 'description' | 'features' | 'priceMinor' | 'currency' | 'billingCycle' | 'availableFor'> & {
  eligible: boolean;
  reason: string | null;
  current: boolean;
};

// Subscriptions

export const listSubscriptionsSchema = z.object({
  state: z.enum(subscriptionStates).optional(),
  planId: idSchema.optional(),
  userId: idSchema.optional(),
  sort: sortSchema(['createdAt'], 'createdAt.desc'),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ListSubscriptionsInput = z.input<typeof listSubscriptionsSchema>;

export const subscribeSchema = z.object({ planId: idSchema });
export const assignPlanSchema = z.object({ planId: idSchema, reason: z.string().trim().min(3, 'Say why (at least 3 characters).').max(500, 'At most 500 characters.') });

export const confirmSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, 'The code is the 6 digits from the mail.'),
  signedName: z.string().trim().min(2, 'Type your full name.').max(200, 'At most 200 characters.'),
  consent: z.literal(true, { message: 'Tick the box to agree to the terms.' }),
});
export type ConfirmInput = z.input<typeof confirmSchema>;

const reasonText = z.string().trim().min(3, 'Give a reason (at least 3 characters).').max(500, 'At most 500 characters.');
export const rejectSchema = z.object({ reason: reasonText });
export const suspendSchema = z.object({ reason: z.enum(suspensionReasons, { message: 'Reason is non_payment, policy_violation or admin.' }), note: reasonText });
export const resumeSchema = z.object({ note: reasonText });
export const cancelSchema = z.object({
  at_period_end: z.boolean().default(true),
  reason: z.string().trim().max(500, 'At most 500 characters.').optional(),
});
export type CancelInput = z.input<typeof cancelSchema>;
export const subscriptionIdParamsSchema = z.object({ id: idSchema });
export const userIdParamsSchema = z.object({ id: idSchema });

/** Every subscription setting of a tenant (Settings). */
export const subscriptionSettingsSchema = z.object({
  allowPlanSwitching: z.boolean(),
  signingRequiresApproval: z.boolean(),
  suspensionGraceDays: z
    .number({ message: 'Grace period must be a number of days.' })
    .int('Grace period is whole days.')
    .min(1, 'Grace period is at least 1 day.')
    .max(365, 'Grace period is at most 365 days.'),
});
export type SubscriptionSettings = z.output<typeof subscriptionSettingsSchema>;

export type SubscriptionEventDto = {
  id: string;
  event: string;
  from: SubscriptionState | null;
  to: SubscriptionState;
  reason: string | null;
  actor: string;
  at: string;
};

export type SubscriptionDto = {
  id: string;
  state: SubscriptionState;
  user: { id: string; name: string; email: string };
  plan: { id: string; name: string };
  priceMinor: number;
  currency: string;
  billingCycle: BillingCycle;
  nextPriceMinor: number | null;
  /** Signing: the code was confirmed and the tenant's approval is awaited. */
  awaitingApproval: boolean;
  /** A confirmed switch that starts when the current plan's period ends (still `signing` until then). */
  startsAt: string | null;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  cancelReason: string | null;
  suspendedAt: string | null;
  suspensionReason: SuspensionReason | null;
  suspensionNote: string | null;
  /** When a suspension ends the subscription unless it is resumed. */
  graceEndsAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
  history?: SubscriptionEventDto[];
};

/** A user's own subscription view (My account, `GET /api/v1/me/subscription`). */
export type MySubscriptionDto = {
  userId: string;
  subStatus: SubStatus;
  /** The user's status as the documents name it: `signing` while a signing is open. */
  status: string;
  subscription: SubscriptionDto | null;
  /** A signing's code: when it expires and how many tries are left (never the code). */
  code: { expiresAt: string; triesLeft: number; resendAfter: string } | null;
  /** A signing beside the current plan (a switch in progress). */
  signing: SubscriptionDto | null;
  /** Whether the tenant lets a signed user choose another plan (a switch) instead of cancelling first. */
  switchingAllowed: boolean;
  /** What the suspended-subscription banner says, while the plan is suspended. */
  suspension: SuspensionNotice | null;
};

/** What the suspended-subscription banner says (every page of an end user whose plan is suspended). */
export type SuspensionNotice = { planName: string; reason: SuspensionReason; note: string | null; since: string; endsAt: string; features: string[] };

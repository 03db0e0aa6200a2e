import type { BillingCycle, PlanUserType, SubscriptionState, SubStatus, UserType } from './enums';

/**
 * The subscription state machine: every way a subscription changes state, from which states, to
 * which. The data layer (lib/data/subscriptions.ts), the API, the pages and the jobs all ask it;
 * a transition it does not list is 409 CONFLICT everywhere. `null` is "no live subscription".
 */
export const subscriptionTransitions = {
  /** The user picks a plan: a confirmation code goes out. */
  subscribe: { from: [null], to: 'signing', label: 'Subscribe' },
  /** Staff put a user on a plan (through a link: partner.provisioning.plans.assign). */
  assign: { from: [null], to: 'signed', label: 'Assign plan' },
  /** The code was right and the tenant approves automatically. */
  confirm: { from: ['signing'], to: 'signed', label: 'Confirm' },
  /** The code was right and the tenant approves by hand: still signing, now waiting. */
  confirm_for_approval: { from: ['signing'], to: 'signing', label: 'Confirm' },
  approve: { from: ['signing'], to: 'signed', label: 'Approve' },
  /** A confirmed (or approved) switch that is not an upgrade: waits for the current period's end. */
  schedule_start: { from: ['signing'], to: 'signing', label: 'Start at period end' },
  /** Job: a scheduled switch starts as the plan it replaces ends. */
  start: { from: ['signing'], to: 'signed', label: 'Started' },
  reject: { from: ['signing'], to: 'unsigned', label: 'Reject' },
  /** The user withdraws a signing ("Cancel request"). */
  withdraw: { from: ['signing'], to: 'unsigned', label: 'Cancel request' },
  suspend: { from: ['signed'], to: 'suspended', label: 'Suspend' },
  resume: { from: ['suspended'], to: 'signed', label: 'Resume' },
  /** Cancel now. */
  cancel: { from: ['signed'], to: 'unsigned', label: 'Cancel now' },
  /** Cancel at period end (a flag; the state changes when the period ends). */
  schedule_cancel: { from: ['signed'], to: 'signed', label: 'Cancel at period end' },
  /** Undo a scheduled cancel ("Keep subscription"). */
  keep: { from: ['signed'], to: 'signed', label: 'Keep subscription' },
  /** Job: a scheduled cancel, a discontinued plan, reached the period end. */
  period_end: { from: ['signed'], to: 'unsigned', label: 'Period ended' },
  /** Job: suspended longer than the tenant's grace period. */
  grace_expired: { from: ['suspended'], to: 'unsigned', label: 'Grace period ended' },
  /** Dunning: an invoice unpaid past the tenant's last step ends the subscription. */
  unpaid: { from: ['signed', 'suspended'], to: 'unsigned', label: 'Ended for non-payment' },
  /** The user's type no longer allows the plan (a downgrade). */
  downgrade: { from: ['signing', 'signed', 'suspended'], to: 'unsigned', label: 'Type no longer eligible' },
} as const satisfies Record<string, { from: readonly (SubscriptionState | null)[]; to: SubscriptionState; label: string }>;

export type SubscriptionEvent = keyof typeof subscriptionTransitions;

/** Whether `event` may happen to a subscription in `state` (null: the user has no live one). */
export function allows(event: SubscriptionEvent, state: SubscriptionState | null): boolean {
  return (subscriptionTransitions[event].from as readonly (SubscriptionState | null)[]).includes(state);
}

/**
 * What a user's `sub_status` is, derived from their latest subscription (never stored): none is
 * `absent`; a signing one is still `unsigned` (the user's status says `signing`).
 */
export function subStatusOf(latest: SubscriptionState | null): SubStatus {
  if (latest === null) return 'absent';
  return latest === 'signed' || latest === 'suspended' ? latest : 'unsigned';
}

export const subscriptionStateLabels: Record<SubscriptionState, string> = {
  signing: 'Signing',
  signed: 'Signed',
  suspended: 'Suspended',
  unsigned: 'Unsigned (ended)',
};

/** The eligibility rule: basic sees basic plans, advanced basic and advanced, company all. */
export const plansVisibleTo: Record<UserType, readonly PlanUserType[]> = {
  guest: [],
  admin: [],
  basic: ['basic'],
  advanced: ['basic', 'advanced'],
  company: ['basic', 'advanced', 'company'],
};

/** A plan offered to these types: which user types may subscribe. */
export function eligibleTypes(availableFor: readonly PlanUserType[]): UserType[] {
  return (['basic', 'advanced', 'company'] as const).filter((t) => plansVisibleTo[t].some((p) => availableFor.includes(p)));
}

export function isEligible(type: UserType, availableFor: readonly PlanUserType[]): boolean {
  return plansVisibleTo[type].some((p) => availableFor.includes(p));
}

/** "basic", "basic and advanced", "basic, advanced and company". */
export function joinTypes(types: readonly string[]): string {
  if (types.length <= 1) return types.join('');
  return `${types.slice(0, -1).join(', ')} and ${types.at(-1)}`;
}

/** Why a user cannot subscribe to a plan, in words for them (null: they can). */
export function ineligibleReason(type: UserType, availableFor: readonly PlanUserType[]): string | null {
  if (type === 'admin') return 'Staff accounts do not subscribe to plans.';
  if (type === 'guest') return 'Complete identity verification to subscribe.';
  if (isEligible(type, availableFor)) return null;
  return `Available to ${joinTypes(eligibleTypes(availableFor))}. You are ${type}.`;
}

export const cycleMonths: Record<BillingCycle, number> = { monthly: 1, yearly: 12 };

/** The confirmation code's rules. */
export const CODE_DIGITS = 6;
export const CODE_MINUTES = 15;
export const CODE_TRIES = 5;
/** Seconds before another code may be sent for the same signing. */
export const CODE_RESEND_SECONDS = 60;

/** A price in minor units for people, in their locale ("$29.99", "29,99 €"); never a float in storage. */
export function formatPrice(minor: number, currency: string, locale?: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  // Integer arithmetic to the decimal string; Intl formats the string exactly (no binary float).
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const major = digits === 0 ? String(abs) : `${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(`${negative ? '-' : ''}${major}` as unknown as number);
}

/** The highest price a plan may carry, in minor units (10,000,000.00 in a two-decimal currency); the schema's CHECK says the same. */
export const PRICE_CAP_MINOR = 1_000_000_000;

/** The ISO 4217 codes the portal prices in (Intl knows their minor units). */
export const currencies = ['USD', 'EUR', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'JPY', 'CAD', 'AUD', 'NZD', 'BRL', 'MXN', 'INR', 'ZAR', 'SGD', 'HKD', 'KRW'] as const;

/** A price per month, to compare plans of different cycles. */
const perMonth = (p: { priceMinor: number; billingCycle: BillingCycle }) => p.priceMinor / cycleMonths[p.billingCycle];

/**
 * Whether moving from one plan to another is an upgrade: it costs more per month in the same
 * currency. An upgrade starts at once, the unused days of the old plan credited; any other switch
 * (cheaper, the same price, another currency) starts when the current period ends.
 */
export function isUpgrade(from: { priceMinor: number; currency: string; billingCycle: BillingCycle }, to: { priceMinor: number; currency: string; billingCycle: BillingCycle }): boolean {
  return from.currency === to.currency && perMonth(to) > perMonth(from);
}

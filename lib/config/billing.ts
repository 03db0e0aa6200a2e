/**
 * Billing rules shared by the data layer, the API, the pages and the jobs: invoice statuses and
 * the seed's names for them, periods, proration, tax, numbers and the dunning ladder.
 * Money is always integer minor units with its ISO 4217 currency; nothing here adds currencies.
 */

export const invoiceStatuses = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const invoiceStatusLabels: Record<InvoiceStatus | 'overdue', string> = {
  draft: 'Draft',
  open: 'Open',
  paid: 'Paid',
  void: 'Void',
  uncollectible: 'Uncollectible',
  overdue: 'Overdue',
};

/**
 * What a status filter may say: ours, plus the seed's names (`finalized` is open, `cancelled` is
 * void) and `overdue`, which is derived (open and past its due date), never stored.
 */
export const invoiceStatusFilters = [...invoiceStatuses, 'finalized', 'cancelled', 'overdue'] as const;
export type InvoiceStatusFilter = (typeof invoiceStatusFilters)[number];
export const seedStatusAlias: Partial<Record<InvoiceStatusFilter, InvoiceStatus>> = { finalized: 'open', cancelled: 'void' };

/** The status transitions (Stripe's graph): anything else is 409 CONFLICT. */
export const invoiceTransitions = {
  finalize: { from: ['draft'], to: 'open' },
  pay: { from: ['open', 'uncollectible'], to: 'paid' },
  void: { from: ['open', 'uncollectible'], to: 'void' },
  mark_uncollectible: { from: ['open'], to: 'uncollectible' },
} as const satisfies Record<string, { from: readonly InvoiceStatus[]; to: InvoiceStatus }>;
export type InvoiceEvent = keyof typeof invoiceTransitions;
export const invoiceAllows = (event: InvoiceEvent, status: InvoiceStatus) => (invoiceTransitions[event].from as readonly InvoiceStatus[]).includes(status);

export const paymentMethods = ['bank_transfer', 'card', 'cash', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentMethodLabels: Record<PaymentMethod, string> = { bank_transfer: 'Bank transfer', card: 'Card', cash: 'Cash', other: 'Other' };

export const taxBehaviors = ['exclusive', 'inclusive'] as const;
export type TaxBehavior = (typeof taxBehaviors)[number];

const DAY_MS = 86_400_000;

/**
 * Period n of a subscription anchored at `anchor`: [anchor + n cycles, anchor + (n + 1) cycles),
 * each boundary counted from the anchor (never from the previous boundary) and clamped to the
 * month's end, so the 31st gives Feb 28 (or 29), then Mar 31. Yearly is the anniversary. UTC.
 * PostgreSQL's `timestamptz + interval 'n months'` does the same (the period job uses it).
 */
export function periodBounds(anchor: Date, index: number, months: number): { start: Date; end: Date } {
  return { start: addMonthsClamped(anchor, index * months), end: addMonthsClamped(anchor, (index + 1) * months) };
}

export function addMonthsClamped(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

/** Whole days from a to b (rounded down), never negative. */
export const wholeDays = (a: Date, b: Date) => Math.max(0, Math.floor((b.getTime() - a.getTime()) / DAY_MS));

/** `amount * part / whole`, rounded half up (amounts are never negative here). */
export const prorate = (amountMinor: number, part: number, whole: number) => (whole <= 0 ? 0 : Math.floor((amountMinor * part * 2 + whole) / (2 * whole)));

/**
 * The credit for the unused whole days of a period already billed, when a plan changes at `at`:
 * the old price times the days left over the period's days, rounded half up.
 */
export function unusedCredit(priceMinor: number, period: { start: Date; end: Date }, at: Date): { days: number; periodDays: number; creditMinor: number } {
  const periodDays = Math.max(1, wholeDays(period.start, period.end));
  const days = Math.min(periodDays, wholeDays(at, period.end));
  return { days, periodDays, creditMinor: prorate(priceMinor, days, periodDays) };
}

/**
 * Tax on one line. Exclusive: the rate is added on top of the amount. Inclusive: the amount
 * already holds it, and the tax is the part of it the rate makes up. Rounded half up per line;
 * a credit line (negative amount) gets the mirror of its positive twin.
 */
export function taxOf(amountMinor: number, rateBps: number, behavior: TaxBehavior): { taxableMinor: number; taxMinor: number; totalMinor: number } {
  const sign = amountMinor < 0 ? -1 : 1;
  const a = Math.abs(amountMinor);
  if (behavior === 'exclusive') {
    const tax = prorate(a, rateBps, 10_000);
    return { taxableMinor: sign * a, taxMinor: sign * tax, totalMinor: sign * (a + tax) };
  }
  const taxable = prorate(a, 10_000, 10_000 + rateBps);
  return { taxableMinor: sign * taxable, taxMinor: sign * (a - taxable), totalMinor: sign * a };
}

/** `INV-2026-000123`: the tenant's prefix, the year, six digits. */
export const formatInvoiceNumber = (prefix: string, year: number, value: number) => `${prefix}-${year}-${String(value).padStart(6, '0')}`;
export const INVOICE_PREFIX_PATTERN = /^[A-Z0-9]{3,12}$/;

/** The dunning ladder, days after the due date (tenant settings; these are the defaults). */
export type DunningSettings = { warningDays: number; suspendDays: number; cancelDays: number };
export const defaultDunning: DunningSettings = { warningDays: 7, suspendDays: 14, cancelDays: 30 };

/**
 * The steps, in order, and the day each falls on. An invoice's `dunning_step` is the last step
 * done; its `dunning_notice` the last step whose "one day before" mail went out.
 * 1 reminder (due date), 2 warning (plan changes blocked), 3 suspend, 4 cancel (uncollectible).
 */
export const dunningSteps = ['reminder', 'warning', 'suspend', 'cancel'] as const;
export type DunningStep = (typeof dunningSteps)[number];
/** From the warning step on (dunning_step >= 2), the subscriber cannot change plans. */
export const DUNNING_BLOCKS_CHANGES = 2;
export function dunningDay(step: DunningStep, s: DunningSettings): number {
  return step === 'reminder' ? 0 : step === 'warning' ? s.warningDays : step === 'suspend' ? s.suspendDays : s.cancelDays;
}

/** Days an open invoice is past its due date (0 when not yet due). */
export const daysOverdue = (dueAt: Date | null, now: Date = new Date()) => (dueAt ? wholeDays(dueAt, now) : 0);

/**
 * The built-in `test` payment provider's documented cards (Stripe's test numbers): these succeed,
 * 4000 0000 0000 0002 is declined, any other number is declined as invalid.
 */
export const TEST_CARDS = {
  succeeds: ['4242424242424242', '5555555555554444'],
  declined: '4000000000000002',
} as const;

import { z } from './zod';
import { cursorSchema, idSchema, limitSchema } from './common';
import { INVOICE_PREFIX_PATTERN, invoiceStatusFilters, paymentMethods, taxBehaviors, type InvoiceStatus, type PaymentMethod } from '@/lib/config/billing';
import { currencies, PRICE_CAP_MINOR } from '@/lib/config/subscriptions';

const isoDate = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${what} is a date, YYYY-MM-DD.`).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), `${what} is not a real date.`);
const minorAmount = (what: string) =>
  z.coerce
    .number({ message: `${what} must be a number of minor units.` })
    .int(`${what} is a whole number of minor units (2999 for 29.99).`)
    .min(0, `${what} cannot be below zero.`)
    .max(PRICE_CAP_MINOR * 100, `${what} is too large.`);

/**
 * The invoice list's filters (tenant and partner lists, the export). Dates are invoice dates,
 * `to_date` included. Amounts are totals in minor units. `status` also takes the seed's names.
 */
export const invoiceFiltersSchema = z
  .object({
    from_date: isoDate('from_date').optional(),
    to_date: isoDate('to_date').optional(),
    status: z.enum(invoiceStatusFilters, { message: `status is one of ${invoiceStatusFilters.join(', ')}.` }).optional(),
    currency: z.enum(currencies, { message: 'currency is an ISO 4217 code the portal bills in.' }).optional(),
    min_amount: minorAmount('min_amount').optional(),
    max_amount: minorAmount('max_amount').optional(),
    search: z.string().trim().max(200, 'search is at most 200 characters.').optional(),
  })
  .refine((f) => !f.from_date || !f.to_date || f.from_date <= f.to_date, { message: 'from_date is on or before to_date.', path: ['to_date'] })
  .refine((f) => f.min_amount === undefined || f.max_amount === undefined || f.min_amount <= f.max_amount, { message: 'min_amount is at most max_amount.', path: ['max_amount'] });
export type InvoiceFilters = z.output<typeof invoiceFiltersSchema>;

export const listInvoicesSchema = z.intersection(invoiceFiltersSchema, z.object({ cursor: cursorSchema, limit: limitSchema }));
export type ListInvoicesInput = z.input<typeof listInvoicesSchema>;

/** `tenant_ids`: comma-separated ids (the seed's form); every one must be a tenant the caller bills. */
export const tenantIdsSchema = z
  .string()
  .max(4000)
  .transform((s, c) => {
    const ids = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
    for (const id of ids) {
      if (!idSchema.safeParse(id).success) {
        c.addIssue({ code: 'custom', message: `Not a tenant id: ${id.slice(0, 60)}.` });
        return z.NEVER;
      }
    }
    return ids;
  });

export const partnerInvoicesSchema = z.intersection(listInvoicesSchema, z.object({ tenant_ids: tenantIdsSchema.optional() }));
export type PartnerInvoicesInput = z.input<typeof partnerInvoicesSchema>;
export const partnerSummarySchema = z.intersection(invoiceFiltersSchema, z.object({ tenant_ids: tenantIdsSchema.optional() }));
export type PartnerSummaryInput = z.input<typeof partnerSummarySchema>;

/** The seed's export request (contract 5): csv only; filters as the list's, tenant_ids as an array. */
export const partnerExportSchema = z.intersection(
  invoiceFiltersSchema,
  z.object({
    format: z.literal('csv', { message: 'format is csv (the only format the portal exports).' }).default('csv'),
    tenant_ids: z.array(z.uuid({ message: 'Not a tenant id.' })).max(500, 'At most 500 tenants.').optional(),
  }),
);

export const invoiceIdParamsSchema = z.object({ id: idSchema });

export const recordPaymentSchema = z.object({
  amountMinor: z
    .number({ message: 'Amount must be a number of minor units.' })
    .int('Amount is a whole number of minor units (2999 for 29.99).')
    .min(1, 'Amount is more than zero.')
    .max(PRICE_CAP_MINOR * 100, 'Amount is too large.'),
  currency: z.enum(currencies, { message: 'Currency is an ISO 4217 code.' }),
  method: z.enum(paymentMethods, { message: `Method is one of ${paymentMethods.join(', ')}.` }),
  reference: z.string().trim().max(200, 'Reference is at most 200 characters.').optional(),
  paidOn: isoDate('Payment date'),
});
export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;

export const voidInvoiceSchema = z.object({ reason: z.string().trim().min(3, 'Say why (at least 3 characters).').max(500, 'At most 500 characters.') });
export const uncollectibleSchema = z.object({ reason: z.string().trim().max(500, 'At most 500 characters.').optional() });

/** The end user's card, for the payment provider (never stored: only its last four digits). */
export const payInvoiceSchema = z.object({
  cardNumber: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{12,19}$/, 'Card number is 12 to 19 digits.')),
  expiry: z.string().trim().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, 'Expiry is MM/YY.'),
  cvc: z.string().trim().regex(/^\d{3,4}$/, 'CVC is 3 or 4 digits.'),
});
export type PayInvoiceInput = z.input<typeof payInvoiceSchema>;

export const billingSettingsSchema = z
  .object({
    invoicePrefix: z.string().trim().toUpperCase().regex(INVOICE_PREFIX_PATTERN, 'Prefix is 3 to 12 capital letters or digits.'),
    taxRateBps: z.number({ message: 'Tax rate must be a number.' }).int('Tax rate is whole basis points (2000 for 20%).').min(0, 'Tax rate cannot be below zero.').max(10_000, 'Tax rate is at most 100%.'),
    taxBehavior: z.enum(taxBehaviors, { message: 'Tax is exclusive (added on top) or inclusive (in the price).' }),
    paymentTermsDays: z.number({ message: 'Payment terms must be a number.' }).int('Whole days.').min(0, 'At least 0 days.').max(365, 'At most 365 days.'),
    dunningWarningDays: z.number({ message: 'Must be a number.' }).int('Whole days.').min(1, 'At least 1 day.').max(365, 'At most 365 days.'),
    dunningSuspendDays: z.number({ message: 'Must be a number.' }).int('Whole days.').min(2, 'At least 2 days.').max(365, 'At most 365 days.'),
    dunningCancelDays: z.number({ message: 'Must be a number.' }).int('Whole days.').min(3, 'At least 3 days.').max(365, 'At most 365 days.'),
  })
  .refine((s) => s.dunningWarningDays < s.dunningSuspendDays, { message: 'Suspension comes after the warning.', path: ['dunningSuspendDays'] })
  .refine((s) => s.dunningSuspendDays < s.dunningCancelDays, { message: 'The cancel comes after the suspension.', path: ['dunningCancelDays'] });
export type BillingSettings = z.output<typeof billingSettingsSchema>;

export type InvoiceDunningDto = {
  /** The last step done: none, reminder, warning, suspend, cancel. */
  step: 'none' | 'reminder' | 'warning' | 'suspend' | 'cancel';
  /** The next step and when it falls, while the invoice is open. */
  next: { step: 'reminder' | 'warning' | 'suspend' | 'cancel'; at: string } | null;
};

export type InvoiceDto = {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  overdue: boolean;
  daysOverdue: number;
  currency: string;
  customer: { id: string; name: string; email: string };
  subscriptionId: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  dueAt: string | null;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  amountPaidMinor: number;
  balanceMinor: number;
  paidAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  dunning: InvoiceDunningDto;
  /** Set in lists across tenants. */
  tenant?: { id: string; slug: string; name: string };
};

export type InvoiceLineDto = { id: string; kind: 'charge' | 'credit'; description: string; quantity: number; unitMinor: number; amountMinor: number; taxRateBps: number; taxBehavior: string; taxMinor: number };
export type PaymentDto = { id: string; status: 'succeeded' | 'declined'; amountMinor: number; currency: string; method: PaymentMethod; reference: string | null; provider: string | null; declineReason: string | null; paidOn: string; actor: string; createdAt: string };
export type InvoiceEventDto = { id: string; event: string; from: string | null; to: string; reason: string | null; actor: string; at: string };
export type InvoiceDetailDto = InvoiceDto & { lines: InvoiceLineDto[]; payments: PaymentDto[]; history: InvoiceEventDto[]; planName: string | null };

/** Per currency, never added across currencies. */
export type CurrencyTotals = { currency: string; totalMinor: number; paidMinor: number; outstandingMinor: number; overdueMinor: number; count: number; paidCount: number; overdueCount: number };

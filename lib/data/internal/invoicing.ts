import 'server-only';
import { emitEvent } from './webhook-events';
import { and, eq, sql } from 'drizzle-orm';
import { invoiceEvents, invoiceLines, invoices, numberSeries, tenantSettings } from '@/db/schema';
import { defaultDunning, formatInvoiceNumber, taxOf, unusedCredit, type DunningSettings, type TaxBehavior } from '@/lib/config/billing';
import type { Tx } from '../tx';

// Making invoices: drafts with their lines and tax, and finalizing them with the tenant's next
// gapless number. Shared by the billing run (lib/data/billing.ts) and a plan switch
// (lib/data/subscriptions.ts), so neither imports the other.

export type BillingConfig = { invoicePrefix: string; taxRateBps: number; taxBehavior: TaxBehavior; paymentTermsDays: number; dunning: DunningSettings };
export const defaultBillingConfig: BillingConfig = { invoicePrefix: 'INV', taxRateBps: 0, taxBehavior: 'exclusive', paymentTermsDays: 14, dunning: defaultDunning };

export async function readBillingConfig(tx: Tx, tenantId: string): Promise<BillingConfig> {
  const [row] = await tx.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId));
  if (!row) return defaultBillingConfig;
  return {
    invoicePrefix: row.invoicePrefix,
    taxRateBps: row.taxRateBps,
    taxBehavior: row.taxBehavior as TaxBehavior,
    paymentTermsDays: row.paymentTermsDays,
    dunning: { warningDays: row.dunningWarningDays, suspendDays: row.dunningSuspendDays, cancelDays: row.dunningCancelDays },
  };
}

export type Actor = { userId: string | null; label: string };

export async function invoiceEvent(tx: Tx, e: { tenantId: string; invoiceId: string; event: string; from: string | null; to: string; reason?: string | null; actor: Actor }): Promise<void> {
  await tx.insert(invoiceEvents).values({ tenantId: e.tenantId, invoiceId: e.invoiceId, event: e.event, fromStatus: e.from, toStatus: e.to, reason: e.reason ?? null, actorUserId: e.actor.userId, actorLabel: e.actor.label });
  // Webhooks: an invoice is "created" for the outside world when it is finalized (it has its number), and "paid" when paid.
  const finalized = e.from === 'draft' && e.to !== 'void';
  if (!finalized && e.to !== 'paid') return;
  const [inv] = await tx
    .select({ number: invoices.number, currency: invoices.currency, totalMinor: invoices.totalMinor, userId: invoices.userId, subscriptionId: invoices.subscriptionId, dueAt: invoices.dueAt, status: invoices.status })
    .from(invoices)
    .where(and(eq(invoices.tenantId, e.tenantId), eq(invoices.id, e.invoiceId)));
  if (!inv) return;
  const data = { invoice_id: e.invoiceId, invoice_number: inv.number, status: e.to, currency: inv.currency, total_minor: inv.totalMinor, customer_id: inv.userId, subscription_id: inv.subscriptionId, due_at: inv.dueAt?.toISOString() ?? null };
  if (finalized) await emitEvent(tx, e.tenantId, 'invoice.created', data);
  if (e.to === 'paid') await emitEvent(tx, e.tenantId, 'invoice.paid', data);
}

/** A period of a subscription to invoice, with its plan snapshot. */
export type DuePeriod = {
  subscriptionId: string;
  userId: string;
  planId: string;
  planName: string;
  priceMinor: number;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
};

/** A credit for the unused part of the plan a switch left (a line on the new plan's first invoice). */
export type SwitchCredit = { planName: string; priceMinor: number; currency: string; period: { start: Date; end: Date } };

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Creates the invoice of one subscription period and finalizes it, or does nothing when that
 * period has one already (the unique key on subscription and period start: a rerun, or a second
 * worker, creates nothing). Returns the new invoice's id, or null.
 */
export async function invoicePeriod(tx: Tx, tenantId: string, config: BillingConfig, due: DuePeriod, actor: Actor, credit?: SwitchCredit, at: Date = new Date()): Promise<string | null> {
  const [created] = await tx
    .insert(invoices)
    .values({ tenantId, subscriptionId: due.subscriptionId, userId: due.userId, currency: due.currency, periodStart: due.periodStart, periodEnd: due.periodEnd, status: 'draft' })
    .onConflictDoNothing()
    .returning({ id: invoices.id });
  if (!created) return null;
  const lines: { kind: 'charge' | 'credit'; description: string; planId: string | null; unitMinor: number; amountMinor: number }[] = [
    { kind: 'charge', description: `${due.planName}, ${dayOf(due.periodStart)} to ${dayOf(due.periodEnd)}`, planId: due.planId, unitMinor: due.priceMinor, amountMinor: due.priceMinor },
  ];
  if (credit && credit.currency === due.currency) {
    const c = unusedCredit(credit.priceMinor, credit.period, at);
    // No negative invoices: a credit larger than the new charge is cut to it (no refunds).
    const amount = Math.min(c.creditMinor, due.priceMinor);
    if (amount > 0) {
      lines.push({ kind: 'credit', description: `Unused ${credit.planName}, ${c.days} of ${c.periodDays} days`, planId: null, unitMinor: -amount, amountMinor: -amount });
    }
  }
  const taxed = lines.map((l) => ({ ...l, ...taxOf(l.amountMinor, config.taxRateBps, config.taxBehavior) }));
  await tx.insert(invoiceLines).values(
    taxed.map((l, position) => ({
      tenantId,
      invoiceId: created.id,
      position,
      kind: l.kind,
      description: l.description,
      planId: l.planId,
      quantity: 1,
      unitMinor: l.unitMinor,
      amountMinor: l.amountMinor,
      taxRateBps: config.taxRateBps,
      taxBehavior: config.taxBehavior,
      taxableMinor: l.taxableMinor,
      taxMinor: l.taxMinor,
    })),
  );
  const sum = (f: (l: (typeof taxed)[number]) => number) => taxed.reduce((a, l) => a + f(l), 0);
  await tx
    .update(invoices)
    .set({ subtotalMinor: sum((l) => l.taxableMinor), taxMinor: sum((l) => l.taxMinor), totalMinor: sum((l) => l.totalMinor) })
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, created.id)));
  await invoiceEvent(tx, { tenantId, invoiceId: created.id, event: 'created', from: null, to: 'draft', actor });
  await finalizeInvoice(tx, tenantId, created.id, config, actor);
  return created.id;
}

/**
 * draft -> open: the tenant's next number for this year, from its counter row, updated in this
 * transaction (so a rollback gives the number back: no gaps; concurrent finalizations queue on
 * the row). Due after the tenant's payment terms. An invoice of nothing is paid at once.
 */
export async function finalizeInvoice(tx: Tx, tenantId: string, id: string, config: BillingConfig, actor: Actor): Promise<string> {
  const year = new Date().getUTCFullYear();
  const [counter] = await tx
    .insert(numberSeries)
    .values({ tenantId, kind: 'invoice', year, lastValue: 1 })
    .onConflictDoUpdate({ target: [numberSeries.tenantId, numberSeries.kind, numberSeries.year], set: { lastValue: sql`${numberSeries.lastValue} + 1` } })
    .returning({ value: numberSeries.lastValue });
  const number = formatInvoiceNumber(config.invoicePrefix, year, counter!.value);
  const [inv] = await tx
    .update(invoices)
    .set({
      number,
      status: sql`case when ${invoices.totalMinor} = 0 then 'paid' else 'open' end`,
      paidAt: sql`case when ${invoices.totalMinor} = 0 then now() end`,
      issuedAt: sql`now()`,
      dueAt: sql`now() + make_interval(days => ${config.paymentTermsDays})`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id), eq(invoices.status, 'draft')))
    .returning({ status: invoices.status });
  if (!inv) throw new Error('finalizeInvoice: not a draft');
  await invoiceEvent(tx, { tenantId, invoiceId: id, event: 'finalized', from: 'draft', to: inv.status, reason: number, actor });
  return number;
}

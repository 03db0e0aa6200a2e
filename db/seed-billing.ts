import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import { addMonthsClamped, formatInvoiceNumber, taxOf, type TaxBehavior } from '../lib/config/billing';
import type { Tx } from './client';
import { invoiceEvents, invoiceLines, invoices, numberSeries, payments, plans, subscriptions, tenantSettings, users } from './schema';

const DAY = 24 * 60 * 60 * 1000;

type Billing = { prefix: string; taxRateBps: number; taxBehavior: TaxBehavior; terms: number };

/**
 * Up to twelve periods of invoices for every subscription of a tenant, as the billing run and
 * the dunning job would have left them: issued on each period's start, due after the tenant's
 * terms, numbered gaplessly per year in issue order. Old ones are paid; the current period is
 * open; a subscription suspended for non-payment has the invoice that suspended it (dunning step
 * 3); every seventh signed one is overdue at the reminder or warning step; an ended one's last
 * invoice was never paid (uncollectible, the last step). `declinedFor` gets a
 * card payment the test provider declined on their open invoice.
 */
export async function seedInvoices(tx: Tx, tenantId: string, billing: Billing, opts: { declinedFor?: string } = {}): Promise<void> {
  const now = Date.now();
  await tx
    .insert(tenantSettings)
    .values({ tenantId, invoicePrefix: billing.prefix, taxRateBps: billing.taxRateBps, taxBehavior: billing.taxBehavior, paymentTermsDays: billing.terms })
    .onConflictDoUpdate({ target: tenantSettings.tenantId, set: { invoicePrefix: billing.prefix, taxRateBps: billing.taxRateBps, taxBehavior: billing.taxBehavior, paymentTermsDays: billing.terms } });
  const subs = await tx
    .select({ s: subscriptions, planName: plans.name })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .where(and(eq(subscriptions.tenantId, tenantId), isNotNull(subscriptions.anchorAt)))
    .orderBy(subscriptions.createdAt);

  type Draft = { row: typeof invoices.$inferInsert; line: typeof invoiceLines.$inferInsert; paid: boolean; issued: number };
  const drafts: Draft[] = [];
  let signedCount = 0;
  for (const { s, planName } of subs) {
    const months = s.billingCycle === 'yearly' ? 12 : 1;
    const ended = s.endedAt?.getTime() ?? Infinity;
    const signedIndex = s.state === 'signed' ? signedCount++ : -1;
    // An ended subscription was billed through the period it ended in.
    let lastK = s.periodIndex;
    if (s.state === 'unsigned') while (addMonthsClamped(s.anchorAt!, (lastK + 1) * months).getTime() < ended) lastK++;
    for (let k = Math.max(0, lastK - 11); k <= lastK; k++) {
      const start = addMonthsClamped(s.anchorAt!, k * months);
      const end = addMonthsClamped(s.anchorAt!, (k + 1) * months);
      if (start.getTime() >= ended) break;
      let issued = start.getTime();
      let due = issued + billing.terms * DAY;
      const current = k === lastK;
      let status: 'open' | 'paid' = due < now - 2 * DAY ? 'paid' : 'open';
      let dunningStep = 0;
      if (current && s.state === 'suspended' && s.suspendedAt) {
        // The invoice that suspended it: due 14 days before the suspension, still unpaid.
        due = s.suspendedAt.getTime() - 14 * DAY;
        issued = Math.min(issued, due - billing.terms * DAY);
        status = 'open';
        dunningStep = 3;
      } else if (current && s.state === 'signed' && signedIndex % 7 === 3) {
        // Overdue at the reminder (due 2 days ago) or the warning step (due 9 days ago).
        const daysOver = signedIndex % 14 === 3 ? 2 : 9;
        due = now - daysOver * DAY;
        issued = Math.min(issued, due - billing.terms * DAY);
        status = 'open';
        dunningStep = daysOver >= 7 ? 2 : 1;
      } else if (current && due >= now - 2 * DAY) {
        status = 'open';
      }
      // An ended subscription's last period was never paid: dunning's last step.
      const lastOfEnded = s.state === 'unsigned' && addMonthsClamped(s.anchorAt!, (k + 1) * months).getTime() >= ended;
      let uncollectible = false;
      if (lastOfEnded) {
        uncollectible = true;
        dunningStep = 4;
      }
      const tax = taxOf(s.priceMinor, billing.taxRateBps, billing.taxBehavior);
      const id = randomUUID();
      const day = (t: number) => new Date(t).toISOString().slice(0, 10);
      drafts.push({
        issued,
        paid: status === 'paid' && !uncollectible,
        row: {
          tenantId,
          id,
          subscriptionId: s.id,
          userId: s.userId,
          status: uncollectible ? 'uncollectible' : status,
          currency: s.currency,
          periodStart: start,
          periodEnd: end,
          issuedAt: new Date(issued),
          dueAt: new Date(due),
          subtotalMinor: tax.taxableMinor,
          taxMinor: tax.taxMinor,
          totalMinor: tax.totalMinor,
          amountPaidMinor: status === 'paid' && !uncollectible ? tax.totalMinor : 0,
          paidAt: status === 'paid' && !uncollectible ? new Date(due - 3 * DAY) : null,
          uncollectibleAt: uncollectible ? new Date(ended) : null,
          dunningStep,
          dunningNotice: dunningStep,
          createdAt: new Date(issued),
          updatedAt: new Date(status === 'paid' ? due - 3 * DAY : issued),
        },
        line: {
          tenantId,
          invoiceId: id,
          position: 0,
          kind: 'charge',
          description: `${planName}, ${day(start.getTime())} to ${day(end.getTime())}`,
          planId: s.planId,
          quantity: 1,
          unitMinor: s.priceMinor,
          amountMinor: s.priceMinor,
          taxRateBps: billing.taxRateBps,
          taxBehavior: billing.taxBehavior,
          taxableMinor: tax.taxableMinor,
          taxMinor: tax.taxMinor,
        },
      });
    }
  }
  // Numbers in issue order, per year, from 1: the counter rows end where the numbers do.
  drafts.sort((a, b) => a.issued - b.issued);
  const counters = new Map<number, number>();
  for (const d of drafts) {
    const year = new Date(d.issued).getUTCFullYear();
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    d.row.number = formatInvoiceNumber(billing.prefix, year, n);
  }
  for (let i = 0; i < drafts.length; i += 500) {
    const chunk = drafts.slice(i, i + 500);
    await tx.insert(invoices).values(chunk.map((d) => d.row));
    await tx.insert(invoiceLines).values(chunk.map((d) => d.line));
    await tx.insert(invoiceEvents).values(
      chunk.flatMap((d) => [
        { tenantId, invoiceId: d.row.id!, event: 'finalized', fromStatus: 'draft', toStatus: 'open', reason: d.row.number!, actorLabel: 'system', createdAt: d.row.issuedAt },
        ...(d.paid ? [{ tenantId, invoiceId: d.row.id!, event: 'pay', fromStatus: 'open', toStatus: 'paid', reason: null, actorLabel: 'billing@demo', createdAt: d.row.paidAt! }] : []),
      ]),
    );
    const paid = chunk.filter((d) => d.paid);
    if (paid.length > 0) {
      await tx.insert(payments).values(
        paid.map((d) => ({
          tenantId,
          invoiceId: d.row.id!,
          status: 'succeeded',
          amountMinor: d.row.totalMinor!,
          currency: d.row.currency,
          method: 'bank_transfer',
          reference: `Transfer ${d.row.number}`,
          paidOn: d.row.paidAt!.toISOString().slice(0, 10),
          actorLabel: 'billing@demo',
          createdAt: d.row.paidAt!,
        })),
      );
    }
  }
  if (counters.size > 0) await tx.insert(numberSeries).values([...counters].map(([year, lastValue]) => ({ tenantId, kind: 'invoice', year, lastValue })));
  if (opts.declinedFor) {
    const [open] = await tx
      .select({ id: invoices.id, total: invoices.totalMinor, currency: invoices.currency })
      .from(invoices)
      .innerJoin(users, and(eq(users.tenantId, invoices.tenantId), eq(users.id, invoices.userId)))
      .where(and(eq(invoices.tenantId, tenantId), eq(users.email, opts.declinedFor), eq(invoices.status, 'open')));
    if (open) {
      await tx.insert(payments).values({
        tenantId,
        invoiceId: open.id,
        status: 'declined',
        amountMinor: open.total,
        currency: open.currency,
        method: 'card',
        reference: 'card ending 0002',
        provider: 'test',
        declineReason: 'Your card was declined.',
        paidOn: new Date(now - DAY).toISOString().slice(0, 10),
        actorLabel: opts.declinedFor,
        createdAt: new Date(now - DAY),
      });
    }
  }
}

import 'server-only';
import { and, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { invoiceEvents, invoiceLines, invoices, payments, plans, subscriptions, tenantSettings, users } from '@/db/schema';
import {
  defaultDunning,
  dunningDay,
  dunningSteps,
  invoiceAllows,
  seedStatusAlias,
  TEST_CARDS,
  type DunningSettings,
  type InvoiceEvent,
  type InvoiceStatus,
  type PaymentMethod,
} from '@/lib/config/billing';
import { formatPrice } from '@/lib/config/subscriptions';
import { settings } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { assertCan, can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import {
  billingSettingsSchema,
  invoiceFiltersSchema,
  listInvoicesSchema,
  partnerExportSchema,
  partnerInvoicesSchema,
  partnerSummarySchema,
  payInvoiceSchema,
  recordPaymentSchema,
  uncollectibleSchema,
  voidInvoiceSchema,
  type BillingSettings,
  type CurrencyTotals,
  type InvoiceDetailDto,
  type InvoiceDto,
  type InvoiceFilters,
  type ListInvoicesInput,
  type PartnerInvoicesInput,
  type PayInvoiceInput,
  type RecordPaymentInput,
} from '@/lib/validation/billing';
import type { Page } from '@/lib/validation/common';
import { auditLinkRead, recordAudit, recordSystemAudit } from './audit';
import { idempotent, type Idempotency } from './internal/idempotency';
import { invoiceEvent, invoicePeriod, readBillingConfig, type Actor, type BillingConfig } from './internal/invoicing';
import { notifyUser, queueMail } from './internal/notify';
import { containsPattern, readCursor, toPage } from './list';
import { endForNonPayment, resumeIfPaidUp, subscriptionActorOf, suspendForNonPayment, SYSTEM_ACTOR } from './subscriptions';
import { startExport, type ExportDto } from './exports';
import { consolidatedRead, ref, type TenantRef } from './consolidated';
import { actingContexts, contextsFor } from './tenancy';
import { withHomeTenant, withTenant, type Tx } from './tx';

// Billing (DESIGN.md 4): invoices per subscription period, payments, dunning. Every status change
// is one conditional update plus its history row; amounts are integer minor units and are only
// ever added within one currency.

export const invoiceNotFound = () => new AppError('INVOICE_NOT_FOUND', 'Invoice not found.');
const conflict = (message: string) => new AppError('CONFLICT', message);
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Settings

const toSettings = (c: BillingConfig): BillingSettings => ({
  invoicePrefix: c.invoicePrefix,
  taxRateBps: c.taxRateBps,
  taxBehavior: c.taxBehavior,
  paymentTermsDays: c.paymentTermsDays,
  dunningWarningDays: c.dunning.warningDays,
  dunningSuspendDays: c.dunning.suspendDays,
  dunningCancelDays: c.dunning.cancelDays,
});

export async function getBillingSettings(ctx: RequestContext): Promise<BillingSettings> {
  assertCan(ctx, 'settings.read');
  return withTenant(ctx, async (tx) => toSettings(await readBillingConfig(tx, ctx.activeTenant.id)));
}

/** Invoice prefix, tax, payment terms and the dunning days (settings.write); audited. New invoices use them. */
export async function updateBillingSettings(ctx: RequestContext, input: z.input<typeof billingSettingsSchema>): Promise<BillingSettings> {
  assertCan(ctx, 'settings.write');
  const values = billingSettingsSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const before = toSettings(await readBillingConfig(tx, tenantId));
    await tx.insert(tenantSettings).values({ tenantId, ...values }).onConflictDoUpdate({ target: tenantSettings.tenantId, set: { ...values, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx, { action: 'settings.billing_updated', resourceType: 'tenant', resourceId: tenantId, details: { before, after: values } });
    return values;
  });
}

// ---------------------------------------------------------------------------------------------
// Reads

const listSelection = {
  inv: invoices,
  userName: users.name,
  userEmail: users.email,
};
type ListRow = { inv: typeof invoices.$inferSelect; userName: string; userEmail: string };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What the dunning ladder did to an invoice and what it does next (while open). */
function dunningOf(inv: typeof invoices.$inferSelect, dunning: DunningSettings): InvoiceDto['dunning'] {
  const step = inv.dunningStep === 0 ? 'none' : dunningSteps[inv.dunningStep - 1]!;
  const nextStep = dunningSteps[inv.dunningStep];
  const next = inv.status === 'open' && inv.dueAt && nextStep ? { step: nextStep, at: new Date(inv.dueAt.getTime() + dunningDay(nextStep, dunning) * DAY_MS).toISOString() } : null;
  return { step, next };
}

function toDto({ inv, userName, userEmail }: ListRow, dunning: DunningSettings, now = Date.now()): InvoiceDto {
  const overdue = inv.status === 'open' && inv.dueAt !== null && inv.dueAt.getTime() < now;
  return {
    id: inv.id,
    number: inv.number,
    status: inv.status as InvoiceStatus,
    overdue,
    daysOverdue: overdue ? Math.floor((now - inv.dueAt!.getTime()) / DAY_MS) : 0,
    currency: inv.currency,
    customer: { id: inv.userId, name: userName, email: userEmail },
    subscriptionId: inv.subscriptionId,
    periodStart: inv.periodStart.toISOString(),
    periodEnd: inv.periodEnd.toISOString(),
    issuedAt: inv.issuedAt.toISOString(),
    dueAt: iso(inv.dueAt),
    subtotalMinor: inv.subtotalMinor,
    taxMinor: inv.taxMinor,
    totalMinor: inv.totalMinor,
    amountPaidMinor: inv.amountPaidMinor,
    balanceMinor: inv.status === 'open' || inv.status === 'uncollectible' ? inv.totalMinor - inv.amountPaidMinor : 0,
    paidAt: iso(inv.paidAt),
    voidedAt: iso(inv.voidedAt),
    voidReason: inv.voidReason,
    dunning: dunningOf(inv, dunning),
  };
}

/** The filters as SQL on `invoices` (joined to `users` for the customer search). Drafts are never listed. */
export function invoiceConditions(f: InvoiceFilters): SQL[] {
  const status = f.status ? (seedStatusAlias[f.status] ?? f.status) : undefined;
  const out: (SQL | undefined)[] = [
    sql`${invoices.status} <> 'draft'`,
    f.from_date ? gte(invoices.issuedAt, new Date(`${f.from_date}T00:00:00Z`)) : undefined,
    f.to_date ? sql`${invoices.issuedAt} < ${new Date(`${f.to_date}T00:00:00Z`).toISOString()}::timestamptz + interval '1 day'` : undefined,
    status === 'overdue' ? sql`${invoices.status} = 'open' and ${invoices.dueAt} < now()` : status ? eq(invoices.status, status) : undefined,
    f.currency ? eq(invoices.currency, f.currency) : undefined,
    f.min_amount !== undefined ? gte(invoices.totalMinor, f.min_amount) : undefined,
    f.max_amount !== undefined ? lte(invoices.totalMinor, f.max_amount) : undefined,
    f.search ? or(ilike(invoices.number, containsPattern(f.search)), ilike(users.name, containsPattern(f.search)), ilike(users.email, containsPattern(f.search))) : undefined,
  ];
  return out.filter((c): c is SQL => c !== undefined);
}

const customerJoin = and(eq(users.tenantId, invoices.tenantId), eq(users.id, invoices.userId));

/**
 * Per-currency sums over every invoice the filter matches (the list's footer and the summary
 * cards). Dates, status and currency are answered from invoice_day_totals (a few rows per tenant
 * and day, kept by a trigger in the same transaction as every invoice change); an amount range or
 * a search reads the invoices themselves. `audit`, when given, runs in the same statement (see
 * consolidatedRead).
 */
export async function currencyTotals(tx: Tx, tenantIds: readonly string[], f: InvoiceFilters, audit?: SQL): Promise<CurrencyTotals[]> {
  const query = f.search || f.min_amount !== undefined || f.max_amount !== undefined ? scannedTotals(tx, tenantIds, f) : rolledUpTotals(tenantIds, f);
  const rows = await tx.execute<Record<keyof CurrencyTotals, string | number | null>>(
    audit ? sql`select q.* from (select ${audit} as audited) a left join lateral (${query}) q on true` : query,
  );
  return rows
    .filter((r) => r.currency !== null)
    .map((r) => ({
      currency: String(r.currency),
      totalMinor: Number(r.totalMinor),
      paidMinor: Number(r.paidMinor),
      outstandingMinor: Number(r.outstandingMinor),
      overdueMinor: Number(r.overdueMinor),
      count: Number(r.count),
      paidCount: Number(r.paidCount),
      overdueCount: Number(r.overdueCount),
    }));
}

/** The totals' columns over rows of (currency, status, late, n, total, paid). */
const totalsColumns = sql`currency as "currency",
  coalesce(sum(total) filter (where status <> 'void'), 0) as "totalMinor",
  coalesce(sum(paid), 0) as "paidMinor",
  coalesce(sum(total - paid) filter (where status = 'open'), 0) as "outstandingMinor",
  coalesce(sum(total - paid) filter (where status = 'open' and late), 0) as "overdueMinor",
  coalesce(sum(n), 0)::int as "count",
  coalesce(sum(n) filter (where status = 'paid'), 0)::int as "paidCount",
  coalesce(sum(n) filter (where status = 'open' and late), 0)::int as "overdueCount"`;

/**
 * The totals from invoice_day_totals. Whether an open invoice is overdue is decided by its due
 * day, except on the day it falls due: those few come from the invoices (due_at < now()).
 */
function rolledUpTotals(tenantIds: readonly string[], f: InvoiceFilters): SQL {
  const status = f.status ? (seedStatusAlias[f.status] ?? f.status) : undefined;
  const ids = sql`${`{${tenantIds.join(',')}}`}::uuid[]`;
  const today = sql`(now() at time zone 'UTC')::date`;
  const days = [f.from_date ? sql`day >= ${f.from_date}::date` : undefined, f.to_date ? sql`day <= ${f.to_date}::date` : undefined];
  const issued = [
    f.from_date ? sql`issued_at >= ${`${f.from_date}T00:00:00Z`}::timestamptz` : undefined,
    f.to_date ? sql`issued_at < ${`${f.to_date}T00:00:00Z`}::timestamptz + interval '1 day'` : undefined,
  ];
  const currency = f.currency ? sql`currency = ${f.currency}` : undefined;
  const rollupStatus = status === 'overdue' ? sql`status = 'open'` : status ? sql`status = ${status}` : undefined;
  const withDueToday = status === undefined || status === 'open' || status === 'overdue';
  const rows = sql`
    select currency, status, due_day < ${today} and due_day > date '1970-01-01' as late, invoice_count as n, total_minor as total, paid_minor as paid
    from invoice_day_totals
    where ${and(sql`tenant_id = any(${ids})`, ...days, currency, rollupStatus, withDueToday ? sql`not (status = 'open' and due_day = ${today})` : undefined)}
    ${
      withDueToday
        ? sql`union all
    select currency, status, due_at < now(), 1, total_minor, amount_paid_minor
    from invoices
    where ${and(sql`tenant_id = any(${ids})`, sql`status = 'open'`, sql`due_at >= ${today}::timestamp at time zone 'UTC'`, sql`due_at < (${today} + 1)::timestamp at time zone 'UTC'`, ...issued, currency)}`
        : sql``
    }`;
  return sql`select ${totalsColumns} from (${rows}) r ${status === 'overdue' ? sql`where late` : sql``} group by currency order by currency`;
}

/** The totals read from the invoices (an amount range or a search). */
function scannedTotals(tx: Tx, tenantIds: readonly string[], f: InvoiceFilters): SQL {
  const q = tx
    .select({
      currency: invoices.currency,
      status: invoices.status,
      late: sql<boolean>`${invoices.dueAt} < now()`.as('late'),
      n: sql<number>`1`.as('n'),
      total: sql<number>`${invoices.totalMinor}`.as('total'),
      paid: sql<number>`${invoices.amountPaidMinor}`.as('paid'),
    })
    .from(invoices)
    .$dynamic();
  // The customers are joined only when the search needs their names.
  const rows = (f.search ? q.innerJoin(users, customerJoin) : q).where(and(inArray(invoices.tenantId, [...tenantIds]), ...invoiceConditions(f)));
  return sql`select ${totalsColumns} from (${rows.getSQL()}) r group by currency order by currency`;
}

const listCursor = z.object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), i: z.uuid() });

/**
 * One page of invoices (newest invoice date first, keyset on (issued_at, id)) in the tenants
 * given, with the page cut before the customers are joined unless the search needs them.
 */
export async function invoicesPage(tx: Tx, tenantIds: readonly string[], input: z.output<typeof listInvoicesSchema>) {
  const after = readCursor(input.cursor, listCursor);
  const rows = await tx
    .select({ ...listSelection, warningDays: tenantSettings.dunningWarningDays, suspendDays: tenantSettings.dunningSuspendDays, cancelDays: tenantSettings.dunningCancelDays })
    .from(invoices)
    .innerJoin(users, customerJoin)
    // Each row's tenant's dunning days (for "Suspends in 3 days"), in the same statement.
    .leftJoin(tenantSettings, eq(tenantSettings.tenantId, invoices.tenantId))
    .where(tenantIds.length > 1 ? sql`(${invoices.tenantId}, ${invoices.id}) in (${newestAcross(tenantIds, input, after)})` : and(inArray(invoices.tenantId, [...tenantIds]), ...pageConditions(input, after)))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(input.limit + 1);
  return rows;
}

const pageConditions = (input: z.output<typeof listInvoicesSchema>, after: { t: string; i: string } | null) => [
  ...invoiceConditions(input),
  after ? sql`(${invoices.issuedAt}, ${invoices.id}) < (${after.t}::timestamptz, ${after.i}::uuid)` : undefined,
];

/**
 * The keys of a page across several tenants: each tenant's newest (limit + 1) matching invoices
 * from its own (tenant_id, issued_at) index, then the newest of those. Without it the planner
 * merges every tenant's rows by date (a sort of the whole filter).
 */
function newestAcross(tenantIds: readonly string[], input: z.output<typeof listInvoicesSchema>, after: { t: string; i: string } | null) {
  const n = input.limit + 1;
  // Inside the lateral subquery `invoices` and `users` are its own tables: the filters apply per tenant.
  return sql`select x.tenant_id, x.id from unnest(${`{${tenantIds.join(',')}}`}::uuid[]) as t(id)
    cross join lateral (
      select ${invoices.tenantId} as tenant_id, ${invoices.id} as id, ${invoices.issuedAt} as issued_at from ${invoices}
      ${input.search ? sql`join ${users} on ${users.tenantId} = ${invoices.tenantId} and ${users.id} = ${invoices.userId}` : sql``}
      where ${invoices.tenantId} = t.id and ${and(...pageConditions(input, after))}
      order by ${invoices.issuedAt} desc, ${invoices.id} desc limit ${n}) x
    order by x.issued_at desc, x.id desc limit ${n}`;
}

/** A page row's tenant's dunning days (the defaults where the tenant never saved settings). */
const dunningOfRow = (r: { warningDays: number | null; suspendDays: number | null; cancelDays: number | null }): DunningSettings =>
  r.warningDays === null || r.suspendDays === null || r.cancelDays === null ? defaultDunning : { warningDays: r.warningDays, suspendDays: r.suspendDays, cancelDays: r.cancelDays };

export type InvoiceList = Page<InvoiceDto> & { totals: CurrencyTotals[] };

/** The active tenant's invoices, filtered, with per-currency totals for the whole filter. */
export async function listInvoices(ctx: RequestContext, input: ListInvoicesInput): Promise<InvoiceList> {
  assertCan(ctx, 'billing.invoices.read');
  const parsed = listInvoicesSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [rows, totals] = await Promise.all([invoicesPage(tx, [tenantId], parsed), currencyTotals(tx, [tenantId], parsed)]);
    const page = toPage(rows, parsed.limit, (r) => toDto(r, dunningOfRow(r)), (last) => ({ t: last.inv.issuedAt.toISOString(), i: last.inv.id }));
    await auditLinkRead(tx, ctx, { action: 'invoices.list', resourceType: 'invoice', details: { count: page.items.length } });
    return { ...page, totals };
  });
}

/** The summary cards of the tenant's billing workspace: per currency, over the filter. */
export async function billingSummary(ctx: RequestContext, input: z.input<typeof invoiceFiltersSchema>): Promise<CurrencyTotals[]> {
  assertCan(ctx, 'billing.summary.read');
  const parsed = invoiceFiltersSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const totals = await currencyTotals(tx, [ctx.activeTenant.id], parsed);
    await auditLinkRead(tx, ctx, { action: 'billing.summary', resourceType: 'invoice' });
    return totals;
  });
}

async function readDetail(tx: Tx, tenantId: string, id: string, withPayments: boolean, ownerId?: string): Promise<InvoiceDetailDto> {
  const [row] = await tx
    .select(listSelection)
    .from(invoices)
    .innerJoin(users, customerJoin)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id), sql`${invoices.status} <> 'draft'`, ownerId ? eq(invoices.userId, ownerId) : undefined));
  if (!row) throw invoiceNotFound();
  const [config, lines, paid, history, plan] = await Promise.all([
    readBillingConfig(tx, tenantId),
    tx.select().from(invoiceLines).where(and(eq(invoiceLines.tenantId, tenantId), eq(invoiceLines.invoiceId, id))).orderBy(invoiceLines.position),
    withPayments ? tx.select().from(payments).where(and(eq(payments.tenantId, tenantId), eq(payments.invoiceId, id))).orderBy(payments.createdAt) : Promise.resolve([]),
    tx.select().from(invoiceEvents).where(and(eq(invoiceEvents.tenantId, tenantId), eq(invoiceEvents.invoiceId, id))).orderBy(desc(invoiceEvents.createdAt), desc(invoiceEvents.id)),
    tx
      .select({ name: plans.name })
      .from(subscriptions)
      .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.id, row.inv.subscriptionId))),
  ]);
  return {
    ...toDto(row, config.dunning),
    planName: plan[0]?.name ?? null,
    lines: lines.map((l) => ({ id: l.id, kind: l.kind as 'charge' | 'credit', description: l.description, quantity: l.quantity, unitMinor: l.unitMinor, amountMinor: l.amountMinor, taxRateBps: l.taxRateBps, taxBehavior: l.taxBehavior, taxMinor: l.taxMinor })),
    payments: paid.map((p) => ({
      id: p.id,
      status: p.status as 'succeeded' | 'declined',
      amountMinor: p.amountMinor,
      currency: p.currency,
      method: p.method as PaymentMethod,
      reference: p.reference,
      provider: p.provider,
      declineReason: p.declineReason,
      paidOn: p.paidOn,
      actor: p.actorLabel,
      createdAt: p.createdAt.toISOString(),
    })),
    history: history.map((e) => ({ id: e.id, event: e.event, from: e.fromStatus, to: e.toStatus, reason: e.reason, actor: e.actorLabel, at: e.createdAt.toISOString() })),
  };
}

/** One invoice of the active tenant with its lines, payments (billing.payments.read) and history. */
export async function getInvoice(ctx: RequestContext, { id }: { id: string }): Promise<InvoiceDetailDto> {
  assertCan(ctx, 'billing.invoices.read');
  return withTenant(ctx, async (tx) => {
    const dto = await readDetail(tx, ctx.activeTenant.id, id, can(ctx, 'billing.payments.read'));
    await auditLinkRead(tx, ctx, { action: 'invoices.read', resourceType: 'invoice', resourceId: id });
    return dto;
  });
}

/** The signed-in user's own invoices (My account), newest first. */
export async function listMyInvoices(ctx: RequestContext, input: { cursor?: string; limit?: number }): Promise<Page<InvoiceDto>> {
  assertCan(ctx, 'account.read');
  const parsed = listInvoicesSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const after = readCursor(parsed.cursor, listCursor);
    const [rows, config] = await Promise.all([
      tx
        .select(listSelection)
        .from(invoices)
        .innerJoin(users, customerJoin)
        .where(
          and(
            eq(invoices.tenantId, tenantId),
            eq(invoices.userId, ctx.user.id),
            ...invoiceConditions(parsed),
            after ? sql`(${invoices.issuedAt}, ${invoices.id}) < (${after.t}::timestamptz, ${after.i}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(invoices.issuedAt), desc(invoices.id))
        .limit(parsed.limit + 1),
      readBillingConfig(tx, tenantId),
    ]);
    return toPage(rows, parsed.limit, (r) => toDto(r, config.dunning), (last) => ({ t: last.inv.issuedAt.toISOString(), i: last.inv.id }));
  });
}

export async function getMyInvoice(ctx: RequestContext, { id }: { id: string }): Promise<InvoiceDetailDto> {
  assertCan(ctx, 'account.read');
  return withHomeTenant(ctx, (tx) => readDetail(tx, ctx.homeTenant.id, id, true, ctx.user.id));
}

// ---------------------------------------------------------------------------------------------
// Changes

type Locked = typeof invoices.$inferSelect;

async function lockInvoice(tx: Tx, tenantId: string, id: string, ownerId?: string): Promise<Locked> {
  const [inv] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id), sql`${invoices.status} <> 'draft'`, ownerId ? eq(invoices.userId, ownerId) : undefined))
    .for('update');
  if (!inv) throw invoiceNotFound();
  return inv;
}

const statusWords: Record<InvoiceStatus, string> = { draft: 'a draft', open: 'open', paid: 'paid', void: 'void', uncollectible: 'uncollectible' };

/** One status change of the invoice graph (lib/config/billing.ts), or 409 CONFLICT. */
async function move(tx: Tx, inv: Locked, event: InvoiceEvent, to: InvoiceStatus, set: PgUpdateSetSource<typeof invoices>, reason: string | null, actor: Actor): Promise<void> {
  const from = inv.status as InvoiceStatus;
  if (!invoiceAllows(event, from)) throw conflict(`This invoice is ${statusWords[from]}: it cannot be ${event === 'mark_uncollectible' ? 'marked uncollectible' : event === 'pay' ? 'paid' : `${event}ed`}.`);
  const [moved] = await tx
    .update(invoices)
    .set({ ...set, status: to, updatedAt: sql`now()` })
    .where(and(eq(invoices.tenantId, inv.tenantId), eq(invoices.id, inv.id), eq(invoices.status, from)))
    .returning({ id: invoices.id });
  if (!moved) throw conflict('This invoice changed meanwhile; reload and try again.');
  await invoiceEvent(tx, { tenantId: inv.tenantId, invoiceId: inv.id, event, from, to, reason, actor });
}

/** Open invoices of a subscription past their due date (what keeps a non-payment suspension on). */
async function overdueCount(tx: Tx, tenantId: string, subscriptionId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.subscriptionId, subscriptionId), eq(invoices.status, 'open'), sql`${invoices.dueAt} < now()`));
  return row?.n ?? 0;
}

type Payment = { amountMinor: number; currency: string; method: PaymentMethod; reference: string | null; provider: string | null; paidOn: string };

/**
 * Applies a payment to a locked invoice: never more than its balance, only in its currency; the
 * invoice turns paid when nothing is left, and a subscription suspended for non-payment resumes
 * once none of its invoices is overdue.
 */
async function applyPayment(tx: Tx, inv: Locked, p: Payment, actor: Actor, tenantName: string): Promise<void> {
  if (inv.status !== 'open' && inv.status !== 'uncollectible') throw conflict(`This invoice is ${statusWords[inv.status as InvoiceStatus]}: it takes no payments.`);
  if (p.currency !== inv.currency) {
    throw new AppError('VALIDATION_ERROR', `This invoice is in ${inv.currency}; record the payment in ${inv.currency}.`, { fieldErrors: { currency: [`The invoice is in ${inv.currency}.`] } });
  }
  const balance = inv.totalMinor - inv.amountPaidMinor;
  if (p.amountMinor > balance) {
    const message = `At most ${formatPrice(balance, inv.currency, 'en')} (the balance) can be paid.`;
    throw new AppError('VALIDATION_ERROR', message, { fieldErrors: { amountMinor: [message] }, balanceMinor: balance });
  }
  await tx.insert(payments).values({ tenantId: inv.tenantId, invoiceId: inv.id, status: 'succeeded', ...p, actorUserId: actor.userId, actorLabel: actor.label });
  const paidUp = p.amountMinor === balance;
  if (paidUp) {
    await move(tx, inv, 'pay', 'paid', { amountPaidMinor: inv.totalMinor, paidAt: sql`now()` }, p.reference, actor);
    await resumeIfPaidUp(tx, { tenantId: inv.tenantId, tenantName, subscriptionId: inv.subscriptionId, actor, stillOverdue: await overdueCount(tx, inv.tenantId, inv.subscriptionId) });
  } else {
    await tx
      .update(invoices)
      .set({ amountPaidMinor: sql`${invoices.amountPaidMinor} + ${p.amountMinor}`, updatedAt: sql`now()` })
      .where(and(eq(invoices.tenantId, inv.tenantId), eq(invoices.id, inv.id)));
    await invoiceEvent(tx, { tenantId: inv.tenantId, invoiceId: inv.id, event: 'partial_payment', from: inv.status, to: inv.status, reason: formatPrice(p.amountMinor, inv.currency, 'en'), actor });
  }
}

/** Billing staff record a payment (bank transfer, card, cash, other), partial ones included. */
export async function recordPayment(ctx: RequestContext, { id, ...input }: { id: string } & RecordPaymentInput, idem?: Idempotency): Promise<InvoiceDetailDto> {
  assertCan(ctx, 'billing.invoices.write');
  const p = recordPaymentSchema.parse(input);
  if (p.paidOn > new Date().toISOString().slice(0, 10)) {
    throw new AppError('VALIDATION_ERROR', 'The payment date cannot be in the future.', { fieldErrors: { paidOn: ['The payment date cannot be in the future.'] } });
  }
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, async () => {
      const inv = await lockInvoice(tx, tenantId, id);
      await applyPayment(tx, inv, { amountMinor: p.amountMinor, currency: p.currency, method: p.method, reference: p.reference || null, provider: null, paidOn: p.paidOn }, subscriptionActorOf(ctx), ctx.activeTenant.name);
      await recordAudit(tx, ctx, { action: 'invoice.payment_recorded', resourceType: 'invoice', resourceId: id, details: { amountMinor: p.amountMinor, currency: p.currency, method: p.method, number: inv.number } });
      return readDetail(tx, tenantId, id, true);
    }),
  );
}

/** Void an open (or uncollectible) invoice with no payments; it keeps its number. */
export async function voidInvoice(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof voidInvoiceSchema>, idem?: Idempotency): Promise<InvoiceDetailDto> {
  assertCan(ctx, 'billing.invoices.write');
  const { reason } = voidInvoiceSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, async () => {
      const inv = await lockInvoice(tx, tenantId, id);
      if (inv.amountPaidMinor > 0 && invoiceAllows('void', inv.status as InvoiceStatus)) throw conflict('This invoice has payments: it cannot be voided. Record the rest, or mark it uncollectible.');
      const actor = subscriptionActorOf(ctx);
      await move(tx, inv, 'void', 'void', { voidedAt: sql`now()`, voidReason: reason }, reason, actor);
      await resumeIfPaidUp(tx, { tenantId, tenantName: ctx.activeTenant.name, subscriptionId: inv.subscriptionId, actor, stillOverdue: await overdueCount(tx, tenantId, inv.subscriptionId) });
      await recordAudit(tx, ctx, { action: 'invoice.void', resourceType: 'invoice', resourceId: id, details: { reason, number: inv.number } });
      return readDetail(tx, tenantId, id, true);
    }),
  );
}

export async function markUncollectible(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof uncollectibleSchema>): Promise<InvoiceDetailDto> {
  assertCan(ctx, 'billing.invoices.write');
  const { reason } = uncollectibleSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const inv = await lockInvoice(tx, tenantId, id);
    await move(tx, inv, 'mark_uncollectible', 'uncollectible', { uncollectibleAt: sql`now()` }, reason || null, subscriptionActorOf(ctx));
    await recordAudit(tx, ctx, { action: 'invoice.uncollectible', resourceType: 'invoice', resourceId: id, details: { reason: reason || null, number: inv.number } });
    return readDetail(tx, tenantId, id, true);
  });
}

// ---------------------------------------------------------------------------------------------
// Paying online (the end user, My account)

type Charge = { ok: true; reference: string } | { ok: false; reason: string };

/**
 * The payment provider interface. Only the built-in `test` provider exists: it is on when
 * PAYMENT_PROVIDER=test (the demo world and the tests), and accepts the documented test cards.
 */
export type PaymentProvider = { name: string; charge: (c: { amountMinor: number; currency: string; cardNumber: string; idempotencyKey: string }) => Promise<Charge> };

const testProvider: PaymentProvider = {
  name: 'test',
  charge: async ({ cardNumber, idempotencyKey }) => {
    if ((TEST_CARDS.succeeds as readonly string[]).includes(cardNumber)) return { ok: true, reference: `test_${idempotencyKey.slice(0, 18)}` };
    if (cardNumber === TEST_CARDS.declined) return { ok: false, reason: 'Your card was declined.' };
    return { ok: false, reason: 'Your card number is not valid.' };
  },
};

export function paymentProvider(): PaymentProvider | null {
  return settings().PAYMENT_PROVIDER === 'test' ? testProvider : null;
}

/** A refused card: thrown to roll the request back, then recorded on its own (like a wrong code). */
class Declined extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The end user pays the whole balance of one of their open invoices by card, through the
 * payment provider. A declined card is recorded (a `declined` payment, audited) and answered
 * 402 PAYMENT_DECLINED; nothing is paid. Only the last four digits are kept.
 */
export async function payMyInvoice(ctx: RequestContext, { id, ...input }: { id: string } & PayInvoiceInput, idem?: Idempotency): Promise<InvoiceDetailDto> {
  assertCan(ctx, 'subscriptions.self');
  const card = payInvoiceSchema.parse(input);
  const provider = paymentProvider();
  const tenantId = ctx.homeTenant.id;
  const actor = subscriptionActorOf(ctx);
  const last4 = card.cardNumber.slice(-4);
  let attempted: { amountMinor: number; currency: string } | null = null;
  return withHomeTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, async () => {
      const inv = await lockInvoice(tx, tenantId, id, ctx.user.id);
      if (inv.status !== 'open' && inv.status !== 'uncollectible') throw conflict(`This invoice is ${statusWords[inv.status as InvoiceStatus]}: there is nothing to pay.`);
      if (!provider) throw conflict(`${ctx.homeTenant.name} does not take card payments online; pay by bank transfer with the invoice number as the reference.`);
      const amountMinor = inv.totalMinor - inv.amountPaidMinor;
      attempted = { amountMinor, currency: inv.currency };
      const charged = await provider.charge({ amountMinor, currency: inv.currency, cardNumber: card.cardNumber, idempotencyKey: idem?.key ?? `${inv.id}-${Date.now()}` });
      if (!charged.ok) throw new Declined(charged.reason);
      await applyPayment(tx, inv, { amountMinor, currency: inv.currency, method: 'card', reference: `${charged.reference} (card ending ${last4})`, provider: provider.name, paidOn: new Date().toISOString().slice(0, 10) }, actor, ctx.homeTenant.name);
      await recordAudit(tx, ctx, { action: 'invoice.paid_online', resourceType: 'invoice', resourceId: id, details: { amountMinor, currency: inv.currency, provider: provider.name, number: inv.number } });
      return readDetail(tx, tenantId, id, true, ctx.user.id);
    }),
  ).catch(async (error: unknown) => {
    if (!(error instanceof Declined) || !attempted) throw error;
    const tried = attempted as { amountMinor: number; currency: string };
    await withHomeTenant(ctx, async (tx) => {
      await tx.insert(payments).values({
        tenantId,
        invoiceId: id,
        status: 'declined',
        amountMinor: tried.amountMinor,
        currency: tried.currency,
        method: 'card',
        reference: `card ending ${last4}`,
        provider: provider?.name ?? null,
        declineReason: error.reason,
        paidOn: new Date().toISOString().slice(0, 10),
        actorUserId: actor.userId,
        actorLabel: actor.label,
      });
      await recordAudit(tx, ctx, { action: 'invoice.payment_declined', resourceType: 'invoice', resourceId: id, outcome: 'failure', details: { amountMinor: tried.amountMinor, reason: error.reason } });
    });
    throw new AppError('PAYMENT_DECLINED', `${error.reason} Nothing was charged; try another card.`, { declineReason: error.reason });
  });
}

// ---------------------------------------------------------------------------------------------
// Jobs

const RUN_BATCH = 500;

/**
 * The billing run for one tenant, one batch: every period of a signed (or since suspended)
 * subscription up to its current one (at most twelve back: a run that was down catches up a
 * year) that has no invoice gets one, finalized. Returns how many
 * were created; the job calls it again (a new transaction) while a batch comes back full. A
 * rerun creates nothing: the unique key on (subscription, period start) is the guard, and the
 * query only asks for periods without an invoice.
 */
export async function runBillingBatch(tx: Tx, tenant: { id: string }): Promise<{ created: number; full: boolean }> {
  const config = await readBillingConfig(tx, tenant.id);
  const due = await tx.execute<{ id: string; user_id: string; plan_id: string; plan_name: string; price_minor: string; currency: string; period_start: Date; period_end: Date }>(sql`
    select s.id, s.user_id, s.plan_id, p.name as plan_name, s.price_minor, s.currency,
           s.anchor_at + make_interval(months => k.n * c.m) as period_start,
           s.anchor_at + make_interval(months => (k.n + 1) * c.m) as period_end
    from ${subscriptions} s
    join ${plans} p on p.tenant_id = s.tenant_id and p.id = s.plan_id
    cross join lateral (select case s.billing_cycle when 'yearly' then 12 else 1 end as m) c
    cross join lateral generate_series(greatest(0, s.period_index - 11), s.period_index) as k(n)
    where s.tenant_id = ${tenant.id} and s.state in ('signed', 'suspended') and s.anchor_at is not null
      and not exists (
        select 1 from ${invoices} i
        where i.tenant_id = s.tenant_id and i.subscription_id = s.id and i.period_start = s.anchor_at + make_interval(months => k.n * c.m))
    order by 7, s.id
    limit ${RUN_BATCH}`);
  let created = 0;
  for (const d of due) {
    const id = await invoicePeriod(
      tx,
      tenant.id,
      config,
      { subscriptionId: d.id, userId: d.user_id, planId: d.plan_id, planName: d.plan_name, priceMinor: Number(d.price_minor), currency: d.currency, periodStart: new Date(d.period_start), periodEnd: new Date(d.period_end) },
      SYSTEM_ACTOR,
    );
    if (id) created++;
  }
  if (created > 0) await recordSystemAudit(tx, tenant.id, { action: 'billing.run', resourceType: 'invoice', details: { created } });
  return { created, full: due.length === RUN_BATCH };
}

const stepNumber = (step: (typeof dunningSteps)[number]) => dunningSteps.indexOf(step) + 1;
const mailFor = (step: (typeof dunningSteps)[number], number: string, amount: string, tenantName: string, dates: { suspend: string; cancel: string }) =>
  ({
    reminder: { title: `Invoice ${number} is due today`, body: `Invoice ${number} for ${amount} is due today. Pay it from My account > Invoices.` },
    warning: { title: `Invoice ${number} is overdue`, body: `Invoice ${number} for ${amount} is overdue. Plan changes are blocked until it is paid; your subscription will be suspended on ${dates.suspend}.` },
    suspend: { title: `Your subscription is suspended: invoice ${number} is unpaid`, body: `Invoice ${number} for ${amount} is unpaid, so ${tenantName} suspended your subscription. Paying it resumes it at once; unpaid, it ends on ${dates.cancel}.` },
    cancel: { title: `Invoice ${number} was not paid`, body: `Invoice ${number} for ${amount} was not paid and your subscription has ended.` },
  })[step];
const noticeFor = (step: (typeof dunningSteps)[number], number: string, amount: string) =>
  ({
    reminder: { title: `Invoice ${number} is due tomorrow`, body: `Invoice ${number} for ${amount} is due tomorrow.` },
    warning: { title: `Invoice ${number}: plan changes are blocked from tomorrow`, body: `Invoice ${number} for ${amount} is overdue. Pay it today to keep changing plans.` },
    suspend: { title: `Invoice ${number}: your subscription is suspended tomorrow`, body: `Invoice ${number} for ${amount} is overdue. Pay it today to keep your subscription running.` },
    cancel: { title: `Invoice ${number}: your subscription ends tomorrow`, body: `Invoice ${number} for ${amount} is still unpaid. Pay it today, or your subscription ends tomorrow.` },
  })[step];

/**
 * The dunning job for one tenant. For every open invoice: each step whose day has come is done
 * once (reminder on the due date, warning, suspend, cancel: the tenant's days after it), each a
 * conditional update of the invoice's `dunning_step`, so however often it runs a step happens
 * exactly once; and one day before each step a notice goes out, once (`dunning_notice`).
 */
export async function runDunning(tx: Tx, tenant: { id: string; name: string }, now: Date = new Date()): Promise<{ steps: number; notices: number }> {
  const config = await readBillingConfig(tx, tenant.id);
  const horizon = new Date(now.getTime() + DAY_MS);
  const open = await tx
    .select({ inv: invoices, email: users.email })
    .from(invoices)
    .innerJoin(users, customerJoin)
    .where(and(eq(invoices.tenantId, tenant.id), eq(invoices.status, 'open'), lte(invoices.dueAt, horizon)))
    .orderBy(invoices.dueAt)
    .limit(2000);
  let steps = 0;
  let notices = 0;
  for (const { inv, email } of open) {
    const due = inv.dueAt!.getTime();
    const at = (step: (typeof dunningSteps)[number]) => due + dunningDay(step, config.dunning) * DAY_MS;
    const amount = formatPrice(inv.totalMinor - inv.amountPaidMinor, inv.currency, 'en');
    const number = inv.number!;
    const dates = { suspend: new Date(at('suspend')).toISOString().slice(0, 10), cancel: new Date(at('cancel')).toISOString().slice(0, 10) };
    let done = inv.dunningStep;
    for (const step of dunningSteps) {
      const n = stepNumber(step);
      if (n <= done || at(step) > now.getTime()) continue;
      const [claimed] = await tx
        .update(invoices)
        .set({ dunningStep: n, dunningNotice: sql`greatest(${invoices.dunningNotice}, ${n})`, updatedAt: sql`now()` })
        .where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, inv.id), eq(invoices.status, 'open'), eq(invoices.dunningStep, done)))
        .returning({ id: invoices.id });
      if (!claimed) break;
      done = n;
      steps++;
      const target = { tenantId: tenant.id, tenantName: tenant.name, subscriptionId: inv.subscriptionId, invoiceNumber: number };
      if (step === 'suspend') await suspendForNonPayment(tx, target);
      if (step === 'cancel') {
        await move(tx, { ...inv, dunningStep: n }, 'mark_uncollectible', 'uncollectible', { uncollectibleAt: sql`now()` }, `Unpaid ${config.dunning.cancelDays} days after its due date`, SYSTEM_ACTOR);
        await endForNonPayment(tx, target);
      }
      await invoiceEvent(tx, { tenantId: tenant.id, invoiceId: inv.id, event: `dunning_${step}`, from: inv.status, to: step === 'cancel' ? 'uncollectible' : 'open', actor: SYSTEM_ACTOR });
      await recordSystemAudit(tx, tenant.id, { action: `invoice.dunning_${step}`, resourceType: 'invoice', resourceId: inv.id, details: { number } });
      const mail = mailFor(step, number, amount, tenant.name, dates);
      await notifyUser(tx, { tenantId: tenant.id, userId: inv.userId, kind: `invoice.dunning_${step}`, ...mail, mailTo: email, tenantName: tenant.name });
    }
    // One day before the next step: its notice, once.
    const next = dunningSteps[done];
    if (next && at(next) - DAY_MS <= now.getTime() && inv.dunningNotice < stepNumber(next)) {
      const [noticed] = await tx
        .update(invoices)
        .set({ dunningNotice: stepNumber(next) })
        .where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, inv.id), eq(invoices.status, 'open'), sql`${invoices.dunningNotice} < ${stepNumber(next)}`))
        .returning({ id: invoices.id });
      if (noticed) {
        notices++;
        await queueMail(tx, { tenantId: tenant.id, to: email, subject: `${tenant.name}: ${noticeFor(next, number, amount).title}`, body: noticeFor(next, number, amount).body });
      }
    }
  }
  return { steps, notices };
}

// ---------------------------------------------------------------------------------------------
// Consolidated billing (partners over the tenants they manage)


/**
 * Where the caller may read billing: their home tenant when their roles there hold `permission`,
 * and every managed tenant whose live link grants it (an expired or revoked link, a stopped
 * tenant, a link role without billing: not there). `tenantIds` naming any other tenant, or a
 * malformed id, is 403 TENANT_ACCESS_DENIED naming them.
 */
export async function billableContexts(ctx: RequestContext, permission: 'billing.summary.read' | 'billing.invoices.read' | 'billing.invoices.export', tenantIds?: readonly string[]): Promise<RequestContext[]> {
  // The partner's view, whatever tenant the request acts in: X-Active-Tenant-Id does not narrow
  // it (`tenant_ids` does). Through a link, the caller's home context is resolved afresh.
  const home = ctx.via === 'home' ? ctx : (await contextsFor(ctx, [ctx.homeTenant.id])).get(ctx.homeTenant.id);
  if (!home) throw new AppError('TENANT_ACCESS_DENIED', 'Your home tenant is not available.');
  const all = [...(can(home, permission) ? [home] : []), ...(await actingContexts(home)).filter((c) => can(c, permission))];
  if (!tenantIds) return all;
  const known = new Set(all.map((c) => c.activeTenant.id));
  const denied = tenantIds.filter((id) => !known.has(id));
  if (denied.length > 0) throw new AppError('TENANT_ACCESS_DENIED', `You cannot see billing of tenant${denied.length > 1 ? 's' : ''} ${denied.join(', ')}.`, { tenantIds: denied });
  return all.filter((c) => tenantIds.includes(c.activeTenant.id));
}


export type TenantBillingRow = CurrencyTotals & { tenant: TenantRef; lastPayment: { paidOn: string; amountMinor: number; currency: string } | null };
export type ConsolidatedSummary = { tenants: TenantRef[]; byCurrency: CurrencyTotals[]; byTenant: TenantBillingRow[]; period: { from: string | null; to: string | null } };

/**
 * The consolidated summary: per currency, and per tenant and currency, over every tenant the
 * caller bills (or the ones `tenantIds` names), with each tenant's last payment.
 */
export async function consolidatedSummary(ctx: RequestContext, input: z.input<typeof partnerSummarySchema>): Promise<ConsolidatedSummary> {
  assertCan(ctx, 'partner.billing.summary.read');
  const { tenant_ids, ...filters } = partnerSummarySchema.parse(input);
  const { tenants: chosen, result: rows } = await consolidatedRead(ctx, { permission: 'billing.summary.read', noun: 'billing', resourceType: 'invoice' }, tenant_ids, 'billing.summary', (tx, t) =>
    tenantTotals(
      tx,
      t.map((x) => x.id),
      filters,
    ),
  );
  const byId = new Map(chosen.map((t) => [t.id, ref(t)]));
  const byTenant = rows.map(({ tenantId, lastPayment, ...r }) => ({ ...r, tenant: byId.get(tenantId)!, lastPayment }));
  const byCurrency = new Map<string, CurrencyTotals>();
  for (const r of byTenant) {
    const t = byCurrency.get(r.currency) ?? { currency: r.currency, totalMinor: 0, paidMinor: 0, outstandingMinor: 0, overdueMinor: 0, count: 0, paidCount: 0, overdueCount: 0 };
    for (const k of ['totalMinor', 'paidMinor', 'outstandingMinor', 'overdueMinor', 'count', 'paidCount', 'overdueCount'] as const) t[k] += r[k];
    byCurrency.set(r.currency, t);
  }
  return { tenants: chosen.map(ref), byCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)), byTenant, period: { from: filters.from_date ?? null, to: filters.to_date ?? null } };
}

async function tenantTotals(tx: Tx, tenantIds: readonly string[], f: InvoiceFilters) {
  const q = tx
    .select({
      tenantId: invoices.tenantId,
      currency: invoices.currency,
      totalMinor: sql<string>`coalesce(sum(${invoices.totalMinor}) filter (where ${invoices.status} <> 'void'), 0)`,
      paidMinor: sql<string>`coalesce(sum(${invoices.amountPaidMinor}), 0)`,
      outstandingMinor: sql<string>`coalesce(sum(${invoices.totalMinor} - ${invoices.amountPaidMinor}) filter (where ${invoices.status} = 'open'), 0)`,
      overdueMinor: sql<string>`coalesce(sum(${invoices.totalMinor} - ${invoices.amountPaidMinor}) filter (where ${invoices.status} = 'open' and ${invoices.dueAt} < now()), 0)`,
      count: sql<number>`count(*)::int`,
      paidCount: sql<number>`(count(*) filter (where ${invoices.status} = 'paid'))::int`,
      overdueCount: sql<number>`(count(*) filter (where ${invoices.status} = 'open' and ${invoices.dueAt} < now()))::int`,
      // The tenant's last payment (one probe of payments_tenant_created_idx per group).
      lastPayment: sql<{ paidOn: string; amountMinor: number; currency: string } | null>`(
        select json_build_object('paidOn', p.paid_on::text, 'amountMinor', p.amount_minor, 'currency', p.currency)
        from ${payments} p where p.tenant_id = ${invoices.tenantId} and p.status = 'succeeded' order by p.created_at desc limit 1)`,
    })
    .from(invoices)
    .$dynamic();
  const rows = await (f.search ? q.innerJoin(users, customerJoin) : q)
    .where(and(inArray(invoices.tenantId, [...tenantIds]), ...invoiceConditions(f)))
    .groupBy(invoices.tenantId, invoices.currency);
  return rows.map((r) => ({ ...r, totalMinor: Number(r.totalMinor), paidMinor: Number(r.paidMinor), outstandingMinor: Number(r.outstandingMinor), overdueMinor: Number(r.overdueMinor) }));
}

/** The invoice list across every tenant the caller bills, with a tenant on each row and totals for the whole filter. */
export async function consolidatedInvoices(ctx: RequestContext, input: PartnerInvoicesInput): Promise<InvoiceList & { tenants: TenantRef[] }> {
  assertCan(ctx, 'partner.billing.invoices.read');
  const { tenant_ids, ...rest } = partnerInvoicesSchema.parse(input);
  // Three statements: the tenants, the page, and the totals with the audit of the links read.
  const { tenants: chosen, result } = await consolidatedRead(
    ctx,
    { permission: 'billing.invoices.read', noun: 'billing', resourceType: 'invoice' },
    tenant_ids,
    'invoices.list',
    (tx, t, audit) => {
      const ids = t.map((x) => x.id);
      return Promise.all([invoicesPage(tx, ids, rest), currencyTotals(tx, ids, rest, audit)]);
    },
    true,
  );
  const [rows, totals] = result;
  const byId = new Map(chosen.map((t) => [t.id, ref(t)]));
  const page = toPage(rows, rest.limit, (r) => ({ ...toDto(r, dunningOfRow(r)), tenant: byId.get(r.inv.tenantId)! }), (l) => ({ t: l.inv.issuedAt.toISOString(), i: l.inv.id }));
  return { ...page, totals, tenants: chosen.map(ref) };
}

// ---------------------------------------------------------------------------------------------
// Exports (lib/data/exports.ts builds them)

const day = () => new Date().toISOString().slice(0, 10);

/** Exports the active tenant's invoices matching the filters (billing.invoices.export): 202, built by the job. */
export async function startInvoiceExport(ctx: RequestContext, input: z.input<typeof invoiceFiltersSchema>): Promise<ExportDto> {
  assertCan(ctx, 'billing.invoices.export');
  const params = invoiceFiltersSchema.parse(input);
  return startExport(ctx, { kind: 'invoices', params, contexts: [ctx], scope: `Invoices of ${ctx.activeTenant.name}${describeFilters(params)}`, fileName: `invoices-${ctx.activeTenant.slug}-${day()}.csv` });
}

/** Exports invoices across every tenant the caller bills (or those `tenant_ids` names), one file. */
export async function startConsolidatedInvoiceExport(ctx: RequestContext, input: z.input<typeof partnerExportSchema>): Promise<ExportDto> {
  assertCan(ctx, 'partner.billing.invoices.export');
  const { tenant_ids, format: _, ...params } = partnerExportSchema.parse(input);
  const contexts = await billableContexts(ctx, 'billing.invoices.export', tenant_ids);
  if (contexts.length === 0) throw new AppError('TENANT_ACCESS_DENIED', 'No tenant you manage lets you export its invoices.', { tenantIds: [] });
  const names = contexts.length === 1 ? contexts[0]!.activeTenant.name : `${contexts.length} tenants`;
  return startExport(ctx, { kind: 'invoices', params, contexts, scope: `Invoices across ${names}${describeFilters(params)}`, fileName: `invoices-${ctx.homeTenant.slug}-all-${day()}.csv` });
}

/** ", status = overdue, from 2026-10-01, to 2026-10-31": the filters as a person reads them. */
export function describeFilters(f: Record<string, unknown>): string {
  const words = Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k.replace(/_/g, ' ')} = ${String(v)}`);
  return words.length ? `, ${words.join(', ')}` : '';
}

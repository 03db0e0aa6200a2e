import 'server-only';
import { emitEvent } from './internal/webhook-events';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type z } from 'zod';
import { invoices, kycSubmissions, plans, subscriptionCodes, subscriptionEvents, subscriptions, tenantSettings, users } from '@/db/schema';
import { DUNNING_BLOCKS_CHANGES } from '@/lib/config/billing';
import type { BillingCycle, PlanUserType, SubscriptionState, UserType } from '@/lib/config/enums';
import { suspensionReasonLabels } from '@/lib/config/enums';
import {
  allows,
  CODE_DIGITS,
  CODE_MINUTES,
  CODE_RESEND_SECONDS,
  CODE_TRIES,
  cycleMonths,
  formatPrice,
  ineligibleReason,
  isEligible,
  isUpgrade,
  subscriptionTransitions,
  subStatusOf,
  type SubscriptionEvent,
} from '@/lib/config/subscriptions';
import { env } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import { actorLabelOf, type RequestContext } from '@/lib/tenancy/context';
import type { SortedPage } from '@/lib/validation/common';
import {
  assignPlanSchema,
  cancelSchema,
  confirmSchema,
  listSubscriptionsSchema,
  rejectSchema,
  resumeSchema,
  subscriptionSettingsSchema,
  suspendSchema,
  type CancelInput,
  type ConfirmInput,
  type ListSubscriptionsInput,
  type MySubscriptionDto,
  type SubscriptionDto,
  type SubscriptionEventDto,
  type SubscriptionSettings,
  type SuspensionNotice,
} from '@/lib/validation/plans';
import { auditLinkRead, recordAudit, recordSystemAudit } from './audit';
import { idempotent, type Idempotency } from './internal/idempotency';
import { invoicePeriod, readBillingConfig, type SwitchCredit } from './internal/invoicing';
import { notifyUser, queueMail } from './internal/notify';
import { keyset, keysetPage, type SortColumn } from './list';
import { withHomeTenant, withTenant, type Tx } from './tx';

// Subscriptions: the lifecycle of DESIGN.md 4 through the one state machine in
// lib/config/subscriptions.ts. Every state change is ONE conditional update (`where id = $1 and
// state = $expected`) and its history row, in one transaction; a lost race is 409 CONFLICT.

/** Who did something, as the timeline shows it: partner staff are named with their partner. */
export function actorLabel(ctx: RequestContext): string {
  return ctx.via === 'link' ? `${actorLabelOf(ctx)} (${ctx.homeTenant.name})` : actorLabelOf(ctx);
}

type Actor = { userId: string | null; label: string };
const actorOf = (ctx: RequestContext): Actor => ({ userId: ctx.user.id, label: actorLabel(ctx) });
const SYSTEM: Actor = { userId: null, label: 'system' };

// ---------------------------------------------------------------------------------------------
// Settings

export const defaultSubscriptionSettings: SubscriptionSettings = { allowPlanSwitching: false, signingRequiresApproval: false, suspensionGraceDays: 30 };

export async function readSubscriptionSettings(tx: Tx, tenantId: string): Promise<SubscriptionSettings> {
  const [row] = await tx
    .select({ allowPlanSwitching: tenantSettings.allowPlanSwitching, signingRequiresApproval: tenantSettings.signingRequiresApproval, suspensionGraceDays: tenantSettings.suspensionGraceDays })
    .from(tenantSettings)
    .where(eq(tenantSettings.tenantId, tenantId));
  return row ?? defaultSubscriptionSettings;
}

export async function getSubscriptionSettings(ctx: RequestContext): Promise<SubscriptionSettings> {
  assertCan(ctx, 'settings.read');
  return withTenant(ctx, (tx) => readSubscriptionSettings(tx, ctx.activeTenant.id));
}

/** Switching, manual approval and the suspension grace period (settings.write); audited. */
export async function updateSubscriptionSettings(ctx: RequestContext, input: z.input<typeof subscriptionSettingsSchema>): Promise<SubscriptionSettings> {
  assertCan(ctx, 'settings.write');
  const values = subscriptionSettingsSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const before = await readSubscriptionSettings(tx, tenantId);
    await tx
      .insert(tenantSettings)
      .values({ tenantId, ...values })
      .onConflictDoUpdate({ target: tenantSettings.tenantId, set: { ...values, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx, { action: 'settings.subscriptions_updated', resourceType: 'tenant', resourceId: tenantId, details: { before, after: values } });
    return values;
  });
}

// ---------------------------------------------------------------------------------------------
// Reads

/** A subscription with its subscriber's name and address, its plan's name and the tenant's grace period. */
const selection = {
  id: subscriptions.id,
  s: subscriptions,
  userName: users.name,
  userEmail: users.email,
  planName: plans.name,
};

function subscriptionsQuery(tx: Tx, tenantId: string, where: (SQL | undefined)[], sortKey: SQL<string> = sql<string>`''`) {
  return tx
    .select({ ...selection, sortKey })
    .from(subscriptions)
    .innerJoin(users, and(eq(users.tenantId, subscriptions.tenantId), eq(users.id, subscriptions.userId)))
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .where(and(eq(subscriptions.tenantId, tenantId), ...where));
}

type Row = Awaited<ReturnType<typeof subscriptionsQuery>>[number];
const iso = (d: Date | null) => d?.toISOString() ?? null;
/** When a suspension since `since` ends the subscription unless it is resumed. */
const graceEndOf = (since: Date | null, graceDays: number) => (since ? new Date(since.getTime() + graceDays * 86_400_000).toISOString() : null);
/** A row as the API shows it; `graceDays` is the tenant's (read once per call). */
const dtoWith = (graceDays: number) => (row: Row) => toDto(row, graceDays);
function toDto({ s, userName, userEmail, planName }: Row, graceDays: number): SubscriptionDto {
  return {
    id: s.id,
    state: s.state,
    user: { id: s.userId, name: userName, email: userEmail },
    plan: { id: s.planId, name: planName },
    priceMinor: s.priceMinor,
    currency: s.currency,
    billingCycle: s.billingCycle,
    nextPriceMinor: s.nextPriceMinor,
    awaitingApproval: s.state === 'signing' && s.confirmedAt !== null && s.startsAt === null,
    startsAt: s.state === 'signing' ? iso(s.startsAt) : null,
    currentPeriodStart: iso(s.currentPeriodStart),
    currentPeriodEnd: iso(s.currentPeriodEnd),
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    cancelReason: s.cancelReason,
    suspendedAt: iso(s.suspendedAt),
    suspensionReason: s.suspensionReason,
    suspensionNote: s.suspensionNote,
    graceEndsAt: graceEndOf(s.suspendedAt, graceDays),
    endedAt: iso(s.endedAt),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

const sortable: Record<string, SortColumn> = {
  createdAt: { column: subscriptions.createdAt, key: sql`${subscriptions.createdAt}::text`, type: 'timestamptz' },
};

/**
 * The workspace list query, exported so a test can EXPLAIN exactly what runs. The page of
 * subscriptions is cut first (the keyset walks its (tenant_id, [state,] created_at, id) index and
 * stops after limit + 1 rows), then joined to its users and plans: joined first, the planner may
 * read a whole tenant's subscriptions to sort them. The subquery is named `subscriptions`, so
 * the columns and the keyset's order refer to it unchanged.
 */
export function subscriptionsListQuery(tx: Tx, tenantId: string, input: z.output<typeof listSubscriptionsSchema>) {
  const ks = keyset(sortable, subscriptions.id, input.sort, input.cursor);
  const page = tx
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.tenantId, tenantId),
        input.state ? eq(subscriptions.state, input.state) : undefined,
        input.planId ? eq(subscriptions.planId, input.planId) : undefined,
        input.userId ? eq(subscriptions.userId, input.userId) : undefined,
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(input.limit + 1)
    .as('subscriptions');
  return tx
    .select({ ...selection, sortKey: ks.sortKey })
    .from(page)
    // Each user is one primary-key probe on the row's (tenant_id, id). Plans name the tenant too,
    // or the planner reads that small table whole. Planned for its parameters (how the portal
    // runs every query today) the page takes about 1 ms at any size; as a generic plan (a named
    // statement after five runs) PostgreSQL 18 may probe users through users_tenant_created_idx
    // with a skip scan instead (docs/performance.md).
    .innerJoin(users, and(eq(users.tenantId, subscriptions.tenantId), eq(users.id, subscriptions.userId)))
    .innerJoin(plans, and(eq(plans.tenantId, tenantId), eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .orderBy(...ks.orderBy);
}

async function subscriptionsPage(tx: Tx, tenantId: string, input: z.output<typeof listSubscriptionsSchema>): Promise<SortedPage<SubscriptionDto>> {
  const rows = await subscriptionsListQuery(tx, tenantId, input);
  const { suspensionGraceDays } = await readSubscriptionSettings(tx, tenantId);
  return keysetPage(rows, input.limit, keyset(sortable, subscriptions.id, input.sort, input.cursor), dtoWith(suspensionGraceDays), () =>
    subscriptionsPage(tx, tenantId, { ...input, cursor: undefined }),
  );
}

export async function listSubscriptions(ctx: RequestContext, input: ListSubscriptionsInput): Promise<SortedPage<SubscriptionDto>> {
  assertCan(ctx, 'subscriptions.read');
  const parsed = listSubscriptionsSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const page = await subscriptionsPage(tx, ctx.activeTenant.id, parsed);
    await auditLinkRead(tx, ctx, { action: 'subscriptions.list', resourceType: 'subscription', details: { count: page.items.length } });
    return page;
  });
}

async function readHistory(tx: Tx, tenantId: string, id: string): Promise<SubscriptionEventDto[]> {
  const rows = await tx
    .select()
    .from(subscriptionEvents)
    .where(and(eq(subscriptionEvents.tenantId, tenantId), eq(subscriptionEvents.subscriptionId, id)))
    .orderBy(desc(subscriptionEvents.createdAt), desc(subscriptionEvents.id))
    .limit(200);
  return rows.map((e) => ({ id: e.id, event: e.event, from: e.fromState, to: e.toState, reason: e.reason, actor: e.actorLabel, at: e.createdAt.toISOString() }));
}

async function readSubscription(tx: Tx, tenantId: string, id: string, withHistory = false): Promise<SubscriptionDto> {
  const [row] = await subscriptionsQuery(tx, tenantId, [eq(subscriptions.id, id)]);
  if (!row) throw notFound('Subscription');
  const dto = toDto(row, (await readSubscriptionSettings(tx, tenantId)).suspensionGraceDays);
  return withHistory ? { ...dto, history: await readHistory(tx, tenantId, id) } : dto;
}

export async function getSubscription(ctx: RequestContext, { id }: { id: string }): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.read');
  return withTenant(ctx, async (tx) => {
    const dto = await readSubscription(tx, ctx.activeTenant.id, id, true);
    await auditLinkRead(tx, ctx, { action: 'subscriptions.read', resourceType: 'subscription', resourceId: id });
    return dto;
  });
}

/** A user's current subscription (signed or suspended), else their signing one. */
export async function liveSubscriptionOf(tx: Tx, tenantId: string, userId: string) {
  const rows = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.userId, userId), inArray(subscriptions.state, ['signing', 'signed', 'suspended'])));
  return rows.find((r) => r.state !== 'signing') ?? rows[0] ?? null;
}

/**
 * The signed-in user's own subscription (My account and `GET /api/v1/me/subscription`): their
 * current one, a signing in progress, or the last that ended; `sub_status` is derived from it.
 */
export async function getMySubscription(ctx: RequestContext): Promise<MySubscriptionDto> {
  assertCan(ctx, 'account.read');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const rows = await subscriptionsQuery(tx, tenantId, [eq(subscriptions.userId, ctx.user.id)])
      .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
      .limit(20);
    const settings = await readSubscriptionSettings(tx, tenantId);
    const dto = dtoWith(settings.suspensionGraceDays);
    const current = rows.find((r) => r.s.state === 'signed' || r.s.state === 'suspended');
    const signing = rows.find((r) => r.s.state === 'signing');
    const shown = current ?? signing ?? rows[0];
    let code: MySubscriptionDto['code'] = null;
    if (signing && signing.s.confirmedAt === null) {
      const [c] = await tx.select().from(subscriptionCodes).where(and(eq(subscriptionCodes.tenantId, tenantId), eq(subscriptionCodes.subscriptionId, signing.s.id)));
      if (c) code = { expiresAt: c.expiresAt.toISOString(), triesLeft: Math.max(0, CODE_TRIES - c.attempts), resendAfter: new Date(c.createdAt.getTime() + CODE_RESEND_SECONDS * 1000).toISOString() };
    }
    return {
      userId: ctx.user.id,
      subStatus: subStatusOf(current ? current.s.state : rows.length > 0 ? 'unsigned' : null),
      status: signing ? 'signing' : ctx.user.status,
      subscription: shown ? await withHistory(tx, tenantId, dto(shown)) : null,
      signing: signing && signing !== shown ? dto(signing) : null,
      switchingAllowed: settings.allowPlanSwitching,
      suspension: current?.s.state === 'suspended' ? await suspensionOf(tx, tenantId, ctx.user.id, settings.suspensionGraceDays) : null,
      code,
    };
  });
}

async function withHistory(tx: Tx, tenantId: string, dto: SubscriptionDto): Promise<SubscriptionDto> {
  return { ...dto, history: await readHistory(tx, tenantId, dto.id) };
}

// ---------------------------------------------------------------------------------------------
// The one transition

type Transition = {
  tenantId: string;
  id: string;
  event: SubscriptionEvent;
  /** The state the caller read; the update applies only while the row is still in it. */
  expected: SubscriptionState;
  set?: PgUpdateSetSource<typeof subscriptions>;
  reason: string | null;
  actor: Actor;
};

const conflict = (message: string) => new AppError('CONFLICT', message);

/** Applies one transition of the state machine, or throws 409 CONFLICT. */
async function transition(tx: Tx, t: Transition): Promise<void> {
  const rule = subscriptionTransitions[t.event];
  if (!allows(t.event, t.expected)) {
    throw conflict(`A ${t.expected === 'unsigned' ? 'ended' : t.expected} subscription cannot be changed by "${rule.label}".`);
  }
  const [moved] = await tx
    .update(subscriptions)
    .set({ ...t.set, state: rule.to, updatedAt: sql`now()` })
    .where(and(eq(subscriptions.tenantId, t.tenantId), eq(subscriptions.id, t.id), eq(subscriptions.state, t.expected)))
    .returning({ id: subscriptions.id });
  if (!moved) throw conflict('This subscription changed meanwhile; reload and try again.');
  await tx.insert(subscriptionEvents).values({
    tenantId: t.tenantId,
    subscriptionId: t.id,
    fromState: t.expected,
    toState: rule.to,
    event: t.event,
    reason: t.reason,
    actorUserId: t.actor.userId,
    actorLabel: t.actor.label,
  });
  if (t.expected !== rule.to) await emitEvent(tx, t.tenantId, 'subscription.state_changed', { subscription_id: t.id, from: t.expected, to: rule.to, event: t.event });
}

/** The first period's start and end: now, and one cycle on (clamped to the month's end). */
const firstPeriod = (cycle: 'monthly' | 'yearly') => ({
  anchorAt: sql`now()`,
  periodIndex: 0,
  currentPeriodStart: sql`now()`,
  currentPeriodEnd: sql`now() + make_interval(months => ${cycleMonths[cycle]})`,
});

const ENDED = { endedAt: sql`now()`, cancelAtPeriodEnd: false, suspendedAt: null, suspensionReason: null, suspensionNote: null } as const;

/** Reads one subscription of the active tenant for a transition; another tenant's id is 404. */
async function forChange(tx: Tx, tenantId: string, id: string, userId?: string) {
  const [row] = await tx
    .select({ s: subscriptions, planName: plans.name, userEmail: users.email, userName: users.name, discontinuedAt: plans.discontinuedAt })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .innerJoin(users, and(eq(users.tenantId, subscriptions.tenantId), eq(users.id, subscriptions.userId)))
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.id, id), userId ? eq(subscriptions.userId, userId) : undefined));
  if (!row) throw notFound('Subscription');
  return row;
}

const dateOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : 'the period end');

// ---------------------------------------------------------------------------------------------
// The user's own steps (subscriptions.self, in their home tenant)

const codeHash = (subscriptionId: string, code: string) => createHmac('sha256', env().NEXTAUTH_SECRET).update(`${subscriptionId}:${code}`).digest('hex');
const newCode = () => String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');

/** A fresh code for a signing: stored as a keyed hash, mailed through the outbox. */
async function sendCode(tx: Tx, a: { tenantId: string; tenantName: string; subscriptionId: string; email: string; planName: string }): Promise<void> {
  const code = newCode();
  const values = { codeHash: codeHash(a.subscriptionId, code), attempts: 0, expiresAt: sql`now() + make_interval(mins => ${CODE_MINUTES})`, createdAt: sql`now()` };
  await tx
    .insert(subscriptionCodes)
    .values({ tenantId: a.tenantId, subscriptionId: a.subscriptionId, ...values })
    .onConflictDoUpdate({ target: [subscriptionCodes.tenantId, subscriptionCodes.subscriptionId], set: values });
  await queueMail(tx, {
    tenantId: a.tenantId,
    to: a.email,
    subject: `${a.tenantName}: your confirmation code for ${a.planName}`,
    body: `Your confirmation code is ${code}.\n\nEnter it on the signing page to subscribe to ${a.planName}. It is valid for ${CODE_MINUTES} minutes and ${CODE_TRIES} tries. If you did not ask for it, ignore this mail.`,
  });
}

/**
 * Subscribes the signed-in user to a plan of their tenant: a `signing` subscription with the
 * plan's price as its snapshot, and a confirmation code by mail. One current plan at a time: a
 * user who is signed is told to cancel first, unless the tenant allows switching (then the
 * current plan is set to cancel at its period end and ends when the new one is confirmed).
 */
export async function subscribe(ctx: RequestContext, input: { planId: string }, idem?: Idempotency): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.self');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, () => openSigning(tx, ctx, { tenantId, tenantName: ctx.homeTenant.name, userId: ctx.user.id, planId: input.planId, self: true })),
  ).catch(oneLiveConflict);
}

/**
 * Staff open a signing for one of the active tenant's users (subscriptions.write; the documents'
 * `POST /api/subscriptions/{user_id}/subscribe/{plan_id}`): the same rules as the user's own
 * subscribe, and the code goes to the user, whose consent it is (confirmSubscriptionFor).
 */
export async function subscribeFor(ctx: RequestContext, input: { userId: string; planId: string }, idem?: Idempotency): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.write');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, () => openSigning(tx, ctx, { tenantId, tenantName: ctx.activeTenant.name, userId: input.userId, planId: input.planId, self: false })),
  ).catch(oneLiveConflict);
}

async function openSigning(tx: Tx, ctx: RequestContext, a: { tenantId: string; tenantName: string; userId: string; planId: string; self: boolean }): Promise<SubscriptionDto> {
  const { tenantId } = a;
  const your = a.self ? 'Your' : "The user's";
  const [me] = await tx.select({ type: users.type, email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, a.userId))).for('update');
  if (!me) throw notFound('User');
  const [plan] = await tx.select().from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, a.planId)));
  if (!plan) throw notFound('Plan');
  if (!plan.active) throw invalidPlan(`${plan.name} is no longer offered.`);
  // Dunning's warning step blocks plan changes until the overdue invoice is paid.
  const [overdue] = await tx
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.userId, a.userId), eq(invoices.status, 'open'), sql`${invoices.dunningStep} >= ${DUNNING_BLOCKS_CHANGES}`))
    .limit(1);
  if (overdue) throw conflict(`Invoice ${overdue.number} is overdue: pay it before changing plans.`);
  const why = ineligibleReason(me.type, plan.availableFor as PlanUserType[]);
  if (why) throw invalidPlan(why);

  const live = await tx
    .select({ id: subscriptions.id, state: subscriptions.state, planId: subscriptions.planId, planName: plans.name })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.userId, a.userId), inArray(subscriptions.state, ['signing', 'signed', 'suspended'])));
  const signing = live.find((l) => l.state === 'signing');
  if (signing) throw conflict(`${your} signing of ${signing.planName} is still open: finish it or cancel the request first.`);
  const current = live.find((l) => l.state !== 'signing');
  if (current) {
    if (current.planId === plan.id) throw conflict(`${plan.name} is already ${a.self ? 'your' : "the user's"} plan.`);
    if (current.state === 'suspended') throw conflict(`${your} ${current.planName} subscription is suspended: resolve it before choosing another plan.`);
    const { allowPlanSwitching } = await readSubscriptionSettings(tx, tenantId);
    if (!allowPlanSwitching) throw conflict(`One plan at a time: cancel ${current.planName} first.`);
    const reason = `Switching to ${plan.name}`;
    await transition(tx, { tenantId, id: current.id, event: 'schedule_cancel', expected: 'signed', set: { cancelAtPeriodEnd: true, cancelReason: reason }, reason, actor: actorOf(ctx) });
  }

  const [created] = await tx
    .insert(subscriptions)
    .values({ tenantId, userId: a.userId, planId: plan.id, state: 'signing', priceMinor: plan.priceMinor, currency: plan.currency, billingCycle: plan.billingCycle })
    .returning({ id: subscriptions.id });
  const id = created!.id;
  await tx.insert(subscriptionEvents).values({ tenantId, subscriptionId: id, fromState: null, toState: 'signing', event: 'subscribe', reason: null, actorUserId: ctx.user.id, actorLabel: actorLabel(ctx) });
  await emitEvent(tx, tenantId, 'subscription.state_changed', { subscription_id: id, from: 'unsigned', to: 'signing', event: 'subscribe' });
  await sendCode(tx, { tenantId, tenantName: a.tenantName, subscriptionId: id, email: me.email, planName: plan.name });
  await recordAudit(tx, ctx, {
    action: 'subscription.subscribe',
    resourceType: 'subscription',
    resourceId: id,
    details: { planId: plan.id, priceMinor: plan.priceMinor, currency: plan.currency, switchFrom: current?.id ?? null, ...(a.self ? {} : { userId: a.userId }) },
  });
  return readSubscription(tx, tenantId, id);
}

const invalidPlan = (message: string) => new AppError('VALIDATION_ERROR', message, { fieldErrors: { planId: [message] } });

/** The partial unique indexes' refusal, in words (a race the reads above did not see). */
function oneLiveConflict(error: unknown): never {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = (e as { cause?: unknown }).cause) {
    const c = (e as { constraint_name?: string }).constraint_name;
    if (c === 'subscriptions_one_current' || c === 'subscriptions_one_signing') throw conflict('You already have a subscription in progress; reload to see it.');
  }
  throw error;
}

/** A new code for the user's open signing (the last one lost or expired); at most one a minute. */
export async function resendCode(ctx: RequestContext, { id }: { id: string }): Promise<{ expiresAt: string }> {
  assertCan(ctx, 'subscriptions.self');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const row = await forChange(tx, tenantId, id, ctx.user.id);
    if (row.s.state !== 'signing' || row.s.confirmedAt) throw conflict('This subscription is not waiting for a code.');
    const [last] = await tx
      .select({ wait: sql<number>`ceil(extract(epoch from ${subscriptionCodes.createdAt} + make_interval(secs => ${CODE_RESEND_SECONDS}) - now()))::int` })
      .from(subscriptionCodes)
      .where(and(eq(subscriptionCodes.tenantId, tenantId), eq(subscriptionCodes.subscriptionId, id)))
      .for('update');
    if (last && last.wait > 0) throw new AppError('RATE_LIMIT_EXCEEDED', `A code was sent moments ago; ask for another in ${last.wait} s.`, { retryAfterSeconds: last.wait });
    await sendCode(tx, { tenantId, tenantName: ctx.homeTenant.name, subscriptionId: id, email: row.userEmail, planName: row.planName });
    await recordAudit(tx, ctx, { action: 'subscription.code_sent', resourceType: 'subscription', resourceId: id });
    return { expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000).toISOString() };
  });
}

const normalName = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** The legal name from the user's latest verified identity check; the account name without one. */
async function legalNameOf(tx: Tx, tenantId: string, userId: string, fallback: string): Promise<string> {
  const [row] = await tx
    .select({ legalName: kycSubmissions.legalName })
    .from(kycSubmissions)
    .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.userId, userId), eq(kycSubmissions.kind, 'identity'), eq(kycSubmissions.status, 'verified')))
    .orderBy(desc(kycSubmissions.decidedAt))
    .limit(1);
  return row?.legalName ?? fallback;
}

/**
 * Signs: the typed name must match the legal name from KYC, consent is given, and the code is
 * right, unexpired and within its tries. A wrong code uses a try (kept even though the request
 * fails) and changes nothing else. Then `signed` from now, or, where the tenant approves by hand,
 * still `signing` and waiting for an admin. A switch ends the previous plan here.
 */
export async function confirmSubscription(ctx: RequestContext, { id, ...input }: { id: string } & ConfirmInput, idem?: Idempotency): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.self');
  const { code, signedName } = confirmSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  const home = { tenantId, tenantName: ctx.homeTenant.name, slug: ctx.homeTenant.slug };
  return withHomeTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, async () => {
      const row = await forChange(tx, tenantId, id, ctx.user.id);
      assertConfirmable(row);
      const legal = await legalNameOf(tx, tenantId, ctx.user.id, row.userName);
      if (normalName(signedName) !== normalName(legal)) {
        const message = 'Type your full name exactly as on your verified identity document.';
        throw new AppError('VALIDATION_ERROR', message, { fieldErrors: { signedName: [message] } });
      }
      return finishSigning(tx, ctx, home, row, code, signedName);
    }),
  ).catch((error: unknown) => countWrongCode(error, ctx, home.tenantId, id, (fn) => withHomeTenant(ctx, fn)));
}

/**
 * Staff confirm a user's open signing of a plan with the code the user received (the documents'
 * `POST /api/subscriptions/{user_id}/confirm/{plan_id}`; subscriptions.write in the active
 * tenant). The code is the user's consent; the typed legal name is the self-service page's step
 * and is not asked here. The same tries, expiry, approval and switch rules as confirmSubscription.
 */
export async function confirmSubscriptionFor(ctx: RequestContext, input: { userId: string; planId: string; code: string }, idem?: Idempotency): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.write');
  const { code } = confirmSchema.pick({ code: true }).parse({ code: input.code });
  const tenantId = ctx.activeTenant.id;
  const active = { tenantId, tenantName: ctx.activeTenant.name, slug: ctx.activeTenant.slug };
  let id: string | null = null;
  return withTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, async () => {
      const [open] = await tx
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.userId, input.userId), eq(subscriptions.planId, input.planId), eq(subscriptions.state, 'signing')));
      if (!open) throw notFound('Subscription');
      id = open.id;
      const row = await forChange(tx, tenantId, open.id);
      assertConfirmable(row);
      return finishSigning(tx, ctx, active, row, code, null);
    }),
  ).catch((error: unknown) => countWrongCode(error, ctx, tenantId, id, (fn) => withTenant(ctx, fn)));
}

function assertConfirmable(row: Awaited<ReturnType<typeof forChange>>): void {
  if (row.s.state !== 'signing') throw conflict(`This subscription is ${row.s.state === 'unsigned' ? 'no longer open' : 'already signed'}.`);
  if (row.s.confirmedAt) throw conflict('This signing is confirmed and waits for the provider\'s approval.');
}

/** The code, then signed (or waiting for approval, or scheduled after the plan being left). */
async function finishSigning(
  tx: Tx,
  ctx: RequestContext,
  tenant: { tenantId: string; tenantName: string; slug: string },
  row: Awaited<ReturnType<typeof forChange>>,
  code: string,
  signedName: string | null,
): Promise<SubscriptionDto> {
  const { tenantId } = tenant;
  const id = row.s.id;
  const [stored] = await tx
    .select({ hash: subscriptionCodes.codeHash, attempts: subscriptionCodes.attempts, expired: sql<boolean>`${subscriptionCodes.expiresAt} <= now()` })
    .from(subscriptionCodes)
    .where(and(eq(subscriptionCodes.tenantId, tenantId), eq(subscriptionCodes.subscriptionId, id)))
    .for('update');
  const codeError = (message: string) => new AppError('VALIDATION_ERROR', message, { fieldErrors: { code: [message] } });
  if (!stored || stored.expired) throw codeError('This code has expired. Send a new code.');
  if (stored.attempts >= CODE_TRIES) throw codeError('Too many wrong codes. Send a new code.');
  const given = Buffer.from(codeHash(id, code), 'hex');
  const expected = Buffer.from(stored.hash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new WrongCode();
  await tx.delete(subscriptionCodes).where(and(eq(subscriptionCodes.tenantId, tenantId), eq(subscriptionCodes.subscriptionId, id)));
  const { signingRequiresApproval } = await readSubscriptionSettings(tx, tenantId);
  const actor = actorOf(ctx);
  if (signingRequiresApproval) {
    await transition(tx, { tenantId, id, event: 'confirm_for_approval', expected: 'signing', set: { confirmedAt: sql`now()`, signedName }, reason: 'Waiting for approval', actor });
  }
  const sw = signingRequiresApproval ? null : await leaveCurrentPlan(tx, tenantId, { ...row.s, planName: row.planName }, actor);
  if (sw?.startsAt) {
    const t = scheduled(sw.startsAt, { confirmedAt: sql`now()`, signedName });
    await transition(tx, { tenantId, id, expected: 'signing', actor, ...t });
  } else if (sw) {
    await transition(tx, { tenantId, id, event: 'confirm', expected: 'signing', set: { confirmedAt: sql`now()`, signedName, ...firstPeriod(row.s.billingCycle) }, reason: null, actor });
    await billFirstPeriod(tx, tenantId, id, actor, sw.credit);
  }
  await recordAudit(tx, ctx, { action: 'subscription.confirm', resourceType: 'subscription', resourceId: id, details: { awaitingApproval: signingRequiresApproval, startsAt: sw?.startsAt ?? null } });
  const price = `${formatPrice(row.s.priceMinor, row.s.currency, 'en')} ${row.s.billingCycle}`;
  await notifyUser(tx, {
    tenantId,
    userId: row.s.userId,
    kind: 'subscription.confirmed',
    title: signingRequiresApproval ? `${row.planName}: waiting for approval` : sw?.startsAt ? `${row.planName} starts on ${dateOf(sw.startsAt)}` : `You are subscribed to ${row.planName}`,
    body: signingRequiresApproval
      ? `Your signing of ${row.planName} is confirmed. ${tenant.tenantName} approves new subscriptions by hand; you will hear back.`
      : sw?.startsAt
        ? `Your switch to ${row.planName} (${price}) is confirmed. Your current plan runs to the end of its period, and ${row.planName} starts on ${dateOf(sw.startsAt)}.`
        : `Your subscription to ${row.planName} (${price}) starts today.`,
    href: `/t/${tenant.slug}/account/plans`,
    mailTo: row.userEmail,
    tenantName: tenant.tenantName,
  });
  return readSubscription(tx, tenantId, id);
}

/** A wrong code rolled its request back (idempotency key included); the try counts on its own. */
async function countWrongCode(error: unknown, ctx: RequestContext, tenantId: string, id: string | null, scope: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>): Promise<never> {
  if (!(error instanceof WrongCode) || !id) return oneLiveConflict(error);
  const subscriptionId = id;
  const left = await scope(async (tx) => {
    const [used] = await tx
      .update(subscriptionCodes)
      .set({ attempts: sql`${subscriptionCodes.attempts} + 1` })
      .where(and(eq(subscriptionCodes.tenantId, tenantId), eq(subscriptionCodes.subscriptionId, subscriptionId)))
      .returning({ attempts: subscriptionCodes.attempts });
    const remaining = Math.max(0, CODE_TRIES - (used?.attempts ?? CODE_TRIES));
    await recordAudit(tx, ctx, { action: 'subscription.code_wrong', resourceType: 'subscription', resourceId: subscriptionId, outcome: 'failure', details: { triesLeft: remaining } });
    return remaining;
  });
  const message = left > 0 ? `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.` : 'That code is not right, and it was the last try. Send a new code.';
  throw new AppError('VALIDATION_ERROR', message, { fieldErrors: { code: [message] }, triesLeft: left });
}

/** A wrong confirmation code: thrown to roll the request back, then counted on its own. */
class WrongCode extends Error {}

/** What a confirmed switch does to the plan being left: see leaveCurrentPlan. */
type SwitchOutcome = { startsAt: Date; credit?: undefined } | { startsAt: null; credit?: SwitchCredit };

/**
 * A switch, once the new plan is confirmed (or approved): an upgrade (more per month, same
 * currency) ends the current plan now, and when its current period was invoiced the unused whole
 * days come back as a credit on the new plan's first invoice. Any other switch leaves the current
 * plan to its period end (it is already set to cancel then) and says when the new one starts.
 */
async function leaveCurrentPlan(tx: Tx, tenantId: string, next: { userId: string; planName: string; priceMinor: number; currency: string; billingCycle: BillingCycle }, actor: Actor): Promise<SwitchOutcome> {
  const [current] = await tx
    .select({ s: subscriptions, planName: plans.name, future: sql<boolean>`${subscriptions.currentPeriodEnd} > now()` })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.userId, next.userId), eq(subscriptions.state, 'signed')))
    .for('update', { of: subscriptions });
  if (!current) return { startsAt: null };
  const { currentPeriodStart: start, currentPeriodEnd: end } = current.s;
  if (end && current.future && !isUpgrade(current.s, next)) return { startsAt: end };
  await transition(tx, { tenantId, id: current.s.id, event: 'cancel', expected: 'signed', set: ENDED, reason: `Switched to ${next.planName}`, actor });
  if (!start || !end) return { startsAt: null };
  const [billed] = await tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.subscriptionId, current.s.id), eq(invoices.periodStart, start), inArray(invoices.status, ['open', 'paid'])));
  return { startsAt: null, credit: billed ? { planName: current.planName, priceMinor: current.s.priceMinor, currency: current.s.currency, period: { start, end } } : undefined };
}

/** The transition that parks a confirmed switch until `startsAt`. */
const scheduled = (startsAt: Date, extra: Transition['set'] = {}) => ({
  event: 'schedule_start' as const,
  set: { ...extra, startsAt },
  reason: `Starts on ${dateOf(startsAt)}, when the current plan's period ends`,
});

/** A subscription just signed: its first period is invoiced at once (with a switch's credit). */
async function billFirstPeriod(tx: Tx, tenantId: string, id: string, actor: Actor, credit?: SwitchCredit): Promise<void> {
  const row = await forChange(tx, tenantId, id);
  const { currentPeriodStart: periodStart, currentPeriodEnd: periodEnd } = row.s;
  if (row.s.state !== 'signed' || !periodStart || !periodEnd) return;
  const due = { subscriptionId: id, userId: row.s.userId, planId: row.s.planId, planName: row.planName, priceMinor: row.s.priceMinor, currency: row.s.currency, periodStart, periodEnd };
  await invoicePeriod(tx, tenantId, await readBillingConfig(tx, tenantId), due, actor, credit);
}

/** "Cancel request": the user withdraws their open signing (back to unsigned). */
export async function withdrawSigning(ctx: RequestContext, { id }: { id: string }): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.self');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const row = await forChange(tx, tenantId, id, ctx.user.id);
    await transition(tx, { tenantId, id, event: 'withdraw', expected: row.s.state, set: { endedAt: sql`now()` }, reason: 'Cancelled by the user', actor: actorOf(ctx) });
    await tx.delete(subscriptionCodes).where(and(eq(subscriptionCodes.tenantId, tenantId), eq(subscriptionCodes.subscriptionId, id)));
    await recordAudit(tx, ctx, { action: 'subscription.withdraw', resourceType: 'subscription', resourceId: id });
    return readSubscription(tx, tenantId, id);
  });
}

/** The user's current (signed or suspended) subscription's id, or 404. */
async function myCurrentId(tx: Tx, tenantId: string, userId: string): Promise<string> {
  const live = await liveSubscriptionOf(tx, tenantId, userId);
  if (!live || live.state === 'signing') throw notFound('Subscription');
  return live.id;
}

/** The user cancels their plan: at period end (default, keeps access) or now. */
export async function cancelMySubscription(ctx: RequestContext, input: CancelInput): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.self');
  const parsed = cancelSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => cancelIn(tx, ctx, tenantId, await myCurrentId(tx, tenantId, ctx.user.id), parsed, ctx.user.id));
}

/** "Keep subscription": undoes a scheduled cancel of the user's plan. */
export async function keepMySubscription(ctx: RequestContext): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.self');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const id = await myCurrentId(tx, tenantId, ctx.user.id);
    const row = await forChange(tx, tenantId, id, ctx.user.id);
    if (!row.s.cancelAtPeriodEnd) throw conflict('This subscription is not set to cancel.');
    if (row.discontinuedAt) throw conflict(`${row.planName} is discontinued and ends at its period end.`);
    const signing = await tx.select({ id: subscriptions.id }).from(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.userId, ctx.user.id), eq(subscriptions.state, 'signing')));
    if (signing.length > 0) throw conflict('You are switching to another plan: cancel that request first.');
    await transition(tx, { tenantId, id, event: 'keep', expected: row.s.state, set: { cancelAtPeriodEnd: false, cancelReason: null }, reason: null, actor: actorOf(ctx) });
    await recordAudit(tx, ctx, { action: 'subscription.keep', resourceType: 'subscription', resourceId: id });
    return readSubscription(tx, tenantId, id);
  });
}

async function cancelIn(tx: Tx, ctx: RequestContext, tenantId: string, id: string, input: z.output<typeof cancelSchema>, ownerId?: string): Promise<SubscriptionDto> {
  const row = await forChange(tx, tenantId, id, ownerId);
  const reason = input.reason || null;
  const actor = actorOf(ctx);
  if (input.at_period_end) {
    if (row.s.state === 'signed' && row.s.cancelAtPeriodEnd) throw conflict(`Already set to cancel on ${dateOf(row.s.currentPeriodEnd)}.`);
    await transition(tx, { tenantId, id, event: 'schedule_cancel', expected: row.s.state, set: { cancelAtPeriodEnd: true, cancelReason: reason }, reason, actor });
  } else {
    await transition(tx, { tenantId, id, event: 'cancel', expected: row.s.state, set: { ...ENDED, cancelReason: reason }, reason, actor });
  }
  await recordAudit(tx, ctx, { action: input.at_period_end ? 'subscription.cancel_scheduled' : 'subscription.cancel', resourceType: 'subscription', resourceId: id, details: { reason, userId: row.s.userId } });
  if (ownerId === undefined) {
    await notifyUser(tx, {
      tenantId,
      userId: row.s.userId,
      kind: 'subscription.cancelled',
      title: input.at_period_end ? `${row.planName} cancels on ${dateOf(row.s.currentPeriodEnd)}` : `${row.planName} was cancelled`,
      body: `${ctx.activeTenant.name} cancelled your ${row.planName} subscription${input.at_period_end ? ` at the end of the period (${dateOf(row.s.currentPeriodEnd)})` : ''}${reason ? `: ${reason}` : '.'}`,
      mailTo: row.userEmail,
      tenantName: ctx.activeTenant.name,
    });
  }
  return readSubscription(tx, tenantId, id);
}

// ---------------------------------------------------------------------------------------------
// Staff (subscriptions.write, in the active tenant: at home or through a link)

/** Staff put a user on a plan directly (signed from now, no code): the seed's "assign plan". */
export async function assignPlan(ctx: RequestContext, { userId, ...input }: { userId: string } & z.input<typeof assignPlanSchema>, idem?: Idempotency): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.write');
  const { planId, reason } = assignPlanSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, async () => {
      const [user] = await tx.select({ type: users.type, email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId))).for('update');
      if (!user) throw notFound('User');
      const [plan] = await tx.select().from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, planId)));
      if (!plan) throw notFound('Plan');
      if (!plan.active) throw invalidPlan(`${plan.name} is not active.`);
      if (!isEligible(user.type, plan.availableFor as PlanUserType[])) {
        throw invalidPlan(user.type === 'admin' || user.type === 'guest' ? `A ${user.type} cannot subscribe to plans.` : `${plan.name} is not available to ${user.type} users.`);
      }
      const live = await liveSubscriptionOf(tx, tenantId, userId);
      if (live) throw conflict(`This user already has a ${live.state} subscription; end it first.`);
      const [created] = await tx
        .insert(subscriptions)
        .values({ tenantId, userId, planId, state: 'signed', priceMinor: plan.priceMinor, currency: plan.currency, billingCycle: plan.billingCycle, confirmedAt: sql`now()`, ...firstPeriod(plan.billingCycle) })
        .returning({ id: subscriptions.id });
      const id = created!.id;
      const actor = actorOf(ctx);
      await tx.insert(subscriptionEvents).values({ tenantId, subscriptionId: id, fromState: null, toState: 'signed', event: 'assign', reason, actorUserId: actor.userId, actorLabel: actor.label });
      await emitEvent(tx, tenantId, 'subscription.state_changed', { subscription_id: id, from: 'unsigned', to: 'signed', event: 'assign' });
      await billFirstPeriod(tx, tenantId, id, actor);
      await recordAudit(tx, ctx, { action: 'subscription.assign', resourceType: 'subscription', resourceId: id, details: { userId, planId, reason } });
      await notifyUser(tx, { tenantId, userId, kind: 'subscription.assigned', title: `You are subscribed to ${plan.name}`, body: `${ctx.activeTenant.name} put you on ${plan.name}: ${reason}`, mailTo: user.email, tenantName: ctx.activeTenant.name });
      return readSubscription(tx, tenantId, id);
    }),
  ).catch(oneLiveConflict);
}

/** Runs one staff step on a subscription: read, transition, audit, tell the subscriber. */
async function staffStep(
  ctx: RequestContext,
  id: string,
  step: (row: Awaited<ReturnType<typeof forChange>>, tx: Tx) => Promise<{ event: SubscriptionEvent; set?: Transition['set']; reason: string | null; notice: { title: string; body: string } }>,
  idem?: Idempotency,
  after?: (tx: Tx) => Promise<void>,
): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.write');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, (tx) =>
    idempotent(tx, { tenantId, userId: ctx.user.id }, idem, async () => {
      const row = await forChange(tx, tenantId, id);
      const s = await step(row, tx);
      await transition(tx, { tenantId, id, event: s.event, expected: row.s.state, set: s.set, reason: s.reason, actor: actorOf(ctx) });
      await after?.(tx);
      await recordAudit(tx, ctx, { action: `subscription.${s.event}`, resourceType: 'subscription', resourceId: id, details: { userId: row.s.userId, from: row.s.state, reason: s.reason } });
      await notifyUser(tx, { tenantId, userId: row.s.userId, kind: `subscription.${s.event}`, ...s.notice, href: undefined, mailTo: row.userEmail, tenantName: ctx.activeTenant.name });
      return readSubscription(tx, tenantId, id, true);
    }),
  ).catch(oneLiveConflict);
}

export async function approveSubscription(ctx: RequestContext, { id }: { id: string }, idem?: Idempotency): Promise<SubscriptionDto> {
  let credit: SwitchCredit | undefined;
  return staffStep(
    ctx,
    id,
    async (row, tx) => {
      if (row.s.state === 'signing' && !row.s.confirmedAt) throw conflict('The subscriber has not confirmed the code yet.');
      if (row.s.state === 'signing' && row.s.startsAt) throw conflict(`Already approved: it starts on ${dateOf(row.s.startsAt)}, when the current plan's period ends.`);
      if (row.s.state === 'signing') {
        const sw = await leaveCurrentPlan(tx, row.s.tenantId, { ...row.s, planName: row.planName }, actorOf(ctx));
        if (sw.startsAt) {
          return { ...scheduled(sw.startsAt), notice: { title: `${row.planName} starts on ${dateOf(sw.startsAt)}`, body: `${ctx.activeTenant.name} approved your switch to ${row.planName}. Your current plan runs to the end of its period, and ${row.planName} starts on ${dateOf(sw.startsAt)}.` } };
        }
        credit = sw.credit;
      }
      return { event: 'approve', set: firstPeriod(row.s.billingCycle), reason: null, notice: { title: `You are subscribed to ${row.planName}`, body: `${ctx.activeTenant.name} approved your subscription to ${row.planName}.` } };
    },
    idem,
    (tx) => billFirstPeriod(tx, ctx.activeTenant.id, id, actorOf(ctx), credit),
  );
}

export async function rejectSubscription(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof rejectSchema>, idem?: Idempotency): Promise<SubscriptionDto> {
  const { reason } = rejectSchema.parse(input);
  return staffStep(ctx, id, async (row) => ({ event: 'reject', set: { endedAt: sql`now()` }, reason, notice: { title: `${row.planName}: not approved`, body: `${ctx.activeTenant.name} did not approve your subscription to ${row.planName}: ${reason}` } }), idem);
}

export async function suspendSubscription(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof suspendSchema>, idem?: Idempotency): Promise<SubscriptionDto> {
  const { reason, note } = suspendSchema.parse(input);
  return staffStep(
    ctx,
    id,
    async (row) => ({
      event: 'suspend',
      set: { suspendedAt: sql`now()`, suspensionReason: reason, suspensionNote: note },
      reason: `${suspensionReasonLabels[reason]}: ${note}`,
      notice: { title: `${row.planName} is suspended`, body: `${ctx.activeTenant.name} suspended your ${row.planName} subscription (${suspensionReasonLabels[reason].toLowerCase()}): ${note}` },
    }),
    idem,
  );
}

export async function resumeSubscription(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof resumeSchema>, idem?: Idempotency): Promise<SubscriptionDto> {
  const { note } = resumeSchema.parse(input);
  return staffStep(ctx, id, async (row) => ({ event: 'resume', set: { suspendedAt: null, suspensionReason: null, suspensionNote: null }, reason: note, notice: { title: `${row.planName} is active again`, body: `${ctx.activeTenant.name} resumed your ${row.planName} subscription: ${note}` } }), idem);
}

/** Staff cancel a subscription now or at its period end. */
export async function cancelSubscription(ctx: RequestContext, { id, ...input }: { id: string } & CancelInput, idem?: Idempotency): Promise<SubscriptionDto> {
  assertCan(ctx, 'subscriptions.write');
  const parsed = cancelSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, (tx) => idempotent(tx, { tenantId, userId: ctx.user.id }, idem, () => cancelIn(tx, ctx, tenantId, id, parsed)));
}

/** Ends a signing from inside another change (a discontinued plan): rejected, code gone, user told. */
export async function endSigning(tx: Tx, ctx: RequestContext, id: string, event: 'reject' | 'withdraw', reason: string): Promise<void> {
  const tenantId = ctx.activeTenant.id;
  const row = await forChange(tx, tenantId, id);
  await transition(tx, { tenantId, id, event, expected: row.s.state, set: { endedAt: sql`now()` }, reason, actor: actorOf(ctx) });
  await tx.delete(subscriptionCodes).where(and(eq(subscriptionCodes.tenantId, tenantId), eq(subscriptionCodes.subscriptionId, id)));
  await notifyUser(tx, { tenantId, userId: row.s.userId, kind: 'subscription.reject', title: `${row.planName}: signing ended`, body: `${reason}. Your signing was closed; choose another plan.`, mailTo: row.userEmail, tenantName: ctx.activeTenant.name });
}

// ---------------------------------------------------------------------------------------------
// Automatic transitions

/**
 * A user's type changed: every live subscription on a plan the new type may not have ends now
 * (`downgrade`), recorded with the reason. Called inside the type change's transaction.
 */
export async function endIneligibleSubscriptions(tx: Tx, a: { tenantId: string; userId: string; type: UserType; actor: Actor; audit: (e: { action: string; resourceType: string; resourceId: string; details: Record<string, unknown> }) => Promise<void> }): Promise<number> {
  const live = await tx
    .select({ id: subscriptions.id, state: subscriptions.state, availableFor: plans.availableFor, planName: plans.name })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .where(and(eq(subscriptions.tenantId, a.tenantId), eq(subscriptions.userId, a.userId), inArray(subscriptions.state, ['signing', 'signed', 'suspended'])));
  let ended = 0;
  for (const s of live) {
    if (isEligible(a.type, s.availableFor as PlanUserType[])) continue;
    const reason = `${s.planName} is not available to ${a.type} users`;
    await transition(tx, { tenantId: a.tenantId, id: s.id, event: 'downgrade', expected: s.state, set: ENDED, reason, actor: a.actor });
    await tx.delete(subscriptionCodes).where(and(eq(subscriptionCodes.tenantId, a.tenantId), eq(subscriptionCodes.subscriptionId, s.id)));
    await a.audit({ action: 'subscription.downgrade', resourceType: 'subscription', resourceId: s.id, details: { type: a.type, reason } });
    ended++;
  }
  return ended;
}

/**
 * Job, per tenant: suspended subscriptions past the tenant's grace period end (`grace_expired`).
 * Safe to repeat: each is one conditional update that a second run finds done.
 */
export async function runGraceExpiry(tx: Tx, tenant: { id: string; name: string }): Promise<number> {
  const { suspensionGraceDays } = await readSubscriptionSettings(tx, tenant.id);
  const due = await tx
    .select({ id: subscriptions.id, userId: subscriptions.userId, planName: plans.name, email: users.email })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .innerJoin(users, and(eq(users.tenantId, subscriptions.tenantId), eq(users.id, subscriptions.userId)))
    .where(and(eq(subscriptions.tenantId, tenant.id), eq(subscriptions.state, 'suspended'), sql`${subscriptions.suspendedAt} <= now() - make_interval(days => ${suspensionGraceDays})`))
    .limit(1000);
  let ended = 0;
  for (const s of due) {
    const reason = `Not resumed within ${suspensionGraceDays} days`;
    try {
      await transition(tx, { tenantId: tenant.id, id: s.id, event: 'grace_expired', expected: 'suspended', set: ENDED, reason, actor: SYSTEM });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') continue;
      throw error;
    }
    await recordSystemAudit(tx, tenant.id, { action: 'subscription.grace_expired', resourceType: 'subscription', resourceId: s.id, details: { graceDays: suspensionGraceDays } });
    await notifyUser(tx, { tenantId: tenant.id, userId: s.userId, kind: 'subscription.ended', title: `${s.planName} has ended`, body: `Your suspended ${s.planName} subscription was not resumed within ${suspensionGraceDays} days and has ended.`, mailTo: s.email, tenantName: tenant.name });
    ended++;
  }
  return ended;
}

/**
 * Job, per tenant: signed subscriptions whose period is over either end (a scheduled cancel, a
 * discontinued plan: `period_end`) or roll into their next period (anchored on the first
 * period's start, clamped to the month's end; a price applied "from the next period" takes
 * effect). Safe to repeat: a period already rolled is no longer due.
 */
export async function runPeriodEnds(tx: Tx, tenant: { id: string; name: string }): Promise<{ ended: number; started: number; renewed: number }> {
  const due = and(eq(subscriptions.tenantId, tenant.id), eq(subscriptions.state, 'signed'), sql`${subscriptions.currentPeriodEnd} <= now()`);
  const ending = await tx
    .select({ id: subscriptions.id, userId: subscriptions.userId, reason: subscriptions.cancelReason, planName: plans.name, email: users.email })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .innerJoin(users, and(eq(users.tenantId, subscriptions.tenantId), eq(users.id, subscriptions.userId)))
    .where(and(due, eq(subscriptions.cancelAtPeriodEnd, true)))
    .limit(1000);
  let ended = 0;
  for (const s of ending) {
    try {
      await transition(tx, { tenantId: tenant.id, id: s.id, event: 'period_end', expected: 'signed', set: ENDED, reason: s.reason ?? 'Cancelled at period end', actor: SYSTEM });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') continue;
      throw error;
    }
    await recordSystemAudit(tx, tenant.id, { action: 'subscription.period_end', resourceType: 'subscription', resourceId: s.id });
    await notifyUser(tx, { tenantId: tenant.id, userId: s.userId, kind: 'subscription.ended', title: `${s.planName} has ended`, body: `Your ${s.planName} subscription ended at the end of its period.`, mailTo: s.email, tenantName: tenant.name });
    ended++;
  }
  let started = 0;
  // Switches waiting for this moment start now that the plan they replace is over (not while it
  // is still current, e.g. suspended), their first period from the scheduled start.
  const starting = await tx
    .select({ id: subscriptions.id, userId: subscriptions.userId, startsAt: subscriptions.startsAt, billingCycle: subscriptions.billingCycle, planName: plans.name, email: users.email })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .innerJoin(users, and(eq(users.tenantId, subscriptions.tenantId), eq(users.id, subscriptions.userId)))
    .where(
      and(
        eq(subscriptions.tenantId, tenant.id),
        eq(subscriptions.state, 'signing'),
        sql`${subscriptions.startsAt} <= now()`,
        sql`not exists (select 1 from subscriptions c where c.tenant_id = ${tenant.id} and c.user_id = ${subscriptions.userId} and c.state in ('signed', 'suspended'))`,
      ),
    )
    .limit(1000);
  for (const s of starting) {
    const at = s.startsAt!;
    const set = { startsAt: null, anchorAt: at, periodIndex: 0, currentPeriodStart: at, currentPeriodEnd: sql`${at.toISOString()}::timestamptz + make_interval(months => ${cycleMonths[s.billingCycle]})` };
    try {
      await transition(tx, { tenantId: tenant.id, id: s.id, event: 'start', expected: 'signing', set, reason: 'The previous plan\'s period ended', actor: SYSTEM });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') continue;
      throw error;
    }
    await billFirstPeriod(tx, tenant.id, s.id, SYSTEM);
    await recordSystemAudit(tx, tenant.id, { action: 'subscription.start', resourceType: 'subscription', resourceId: s.id, details: { startsAt: at.toISOString() } });
    await notifyUser(tx, { tenantId: tenant.id, userId: s.userId, kind: 'subscription.started', title: `${s.planName} has started`, body: `Your switch to ${s.planName} took effect today.`, mailTo: s.email, tenantName: tenant.name });
    started++;
  }
  // Roll every due period forward, as many cycles as were missed (bounded), in one statement each.
  let renewed = 0;
  for (let round = 0; round < 24; round++) {
    const rolled = await tx.execute<{ id: string }>(sql`
      update subscriptions set
        period_index = period_index + 1,
        current_period_start = current_period_end,
        current_period_end = anchor_at + make_interval(months => (period_index + 2) * (case billing_cycle when 'yearly' then 12 else 1 end)),
        price_minor = coalesce(next_price_minor, price_minor),
        next_price_minor = null,
        updated_at = now()
      where tenant_id = ${tenant.id} and state = 'signed' and not cancel_at_period_end and current_period_end <= now()
      returning id`);
    if (rolled.length === 0) break;
    renewed += rolled.length;
  }
  return { ended, started, renewed };
}



/** The banner's notice for a user's suspended subscription, or null (the shell and `GET /api/v1/me/subscription` share it). */
async function suspensionOf(tx: Tx, tenantId: string, userId: string, graceDays?: number): Promise<SuspensionNotice | null> {
  const [row] = await tx
    .select({ planName: plans.name, features: plans.features, reason: subscriptions.suspensionReason, note: subscriptions.suspensionNote, since: subscriptions.suspendedAt })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.tenantId), eq(plans.id, subscriptions.planId)))
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.userId, userId), eq(subscriptions.state, 'suspended')));
  if (!row?.since || !row.reason) return null;
  const days = graceDays ?? (await readSubscriptionSettings(tx, tenantId)).suspensionGraceDays;
  return { planName: row.planName, reason: row.reason, note: row.note, since: row.since.toISOString(), endsAt: graceEndOf(row.since, days)!, features: row.features };
}

export async function getMySuspension(ctx: RequestContext): Promise<SuspensionNotice | null> {
  if (ctx.via !== 'home' || ctx.user.type === 'admin') return null;
  return withHomeTenant(ctx, (tx) => suspensionOf(tx, ctx.homeTenant.id, ctx.user.id));
}

// ---------------------------------------------------------------------------------------------
// Dunning (lib/data/billing.ts): non-payment moves a subscription through the same machine.

type DunningTarget = { tenantId: string; tenantName: string; subscriptionId: string; invoiceNumber: string };

/** Dunning's suspend step: `signed -> suspended` (reason non_payment). False when it was not signed. */
export async function suspendForNonPayment(tx: Tx, t: DunningTarget): Promise<boolean> {
  const row = await forChange(tx, t.tenantId, t.subscriptionId);
  if (row.s.state !== 'signed') return false;
  const note = `Invoice ${t.invoiceNumber} is unpaid`;
  await transition(tx, { tenantId: t.tenantId, id: t.subscriptionId, event: 'suspend', expected: 'signed', set: { suspendedAt: sql`now()`, suspensionReason: 'non_payment', suspensionNote: note }, reason: `${suspensionReasonLabels.non_payment}: ${note}`, actor: SYSTEM });
  await notifyUser(tx, { tenantId: t.tenantId, userId: row.s.userId, kind: 'subscription.suspend', title: `${row.planName} is suspended`, body: `${note}. Pay it to resume your subscription at once.`, mailTo: row.userEmail, tenantName: t.tenantName });
  return true;
}

/** Dunning's last step: the subscription ends (`unpaid`). False when it had already ended. */
export async function endForNonPayment(tx: Tx, t: DunningTarget): Promise<boolean> {
  const row = await forChange(tx, t.tenantId, t.subscriptionId);
  if (row.s.state !== 'signed' && row.s.state !== 'suspended') return false;
  await transition(tx, { tenantId: t.tenantId, id: t.subscriptionId, event: 'unpaid', expected: row.s.state, set: ENDED, reason: `Invoice ${t.invoiceNumber} was not paid`, actor: SYSTEM });
  // A switch that was to follow this plan does not start for a user who left it unpaid.
  const waiting = await tx
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.tenantId, t.tenantId), eq(subscriptions.userId, row.s.userId), eq(subscriptions.state, 'signing'), isNotNull(subscriptions.startsAt)));
  for (const w of waiting) {
    await transition(tx, { tenantId: t.tenantId, id: w.id, event: 'withdraw', expected: 'signing', set: { endedAt: sql`now()`, startsAt: null }, reason: `The plan it was to follow ended: invoice ${t.invoiceNumber} was not paid`, actor: SYSTEM });
  }
  await notifyUser(tx, { tenantId: t.tenantId, userId: row.s.userId, kind: 'subscription.ended', title: `${row.planName} has ended`, body: `Invoice ${t.invoiceNumber} was not paid, so your ${row.planName} subscription has ended.`, mailTo: row.userEmail, tenantName: t.tenantName });
  return true;
}

/**
 * A payment or a void cleared an invoice: a subscription suspended for non-payment resumes once
 * none of its invoices is open past its due date. True when it resumed.
 */
export async function resumeIfPaidUp(tx: Tx, t: { tenantId: string; tenantName: string; subscriptionId: string; actor: Actor; stillOverdue: number }): Promise<boolean> {
  const row = await forChange(tx, t.tenantId, t.subscriptionId);
  if (row.s.state !== 'suspended' || row.s.suspensionReason !== 'non_payment' || t.stillOverdue > 0) return false;
  await transition(tx, { tenantId: t.tenantId, id: t.subscriptionId, event: 'resume', expected: 'suspended', set: { suspendedAt: null, suspensionReason: null, suspensionNote: null }, reason: 'Overdue invoices paid', actor: t.actor });
  await notifyUser(tx, { tenantId: t.tenantId, userId: row.s.userId, kind: 'subscription.resume', title: `${row.planName} is active again`, body: `Thank you: your overdue invoices are settled and ${row.planName} is active again.`, mailTo: row.userEmail, tenantName: t.tenantName });
  return true;
}

export { actorOf as subscriptionActorOf, SYSTEM as SYSTEM_ACTOR, type Actor };

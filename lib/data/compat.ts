import 'server-only';
import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { plans, subscriptions, tenants, users } from '@/db/schema';
import { currencies, subStatusOf } from '@/lib/config/subscriptions';
import { AppError, notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import type { PlanDto } from '@/lib/validation/plans';
import type {
  CompatPartner,
  CompatPlan,
  CompatPlanInput,
  CompatPlanUpdate,
  CompatStatus,
  CompatUser,
  CompatUsersQuery,
} from '@/lib/validation/compat';
import { auditLinkRead } from './audit';
import { appDb } from './db';
import { createPlan, deletePlan, getPlan, listPlans, updatePlan } from './plans';
import { cancelSubscription, confirmSubscriptionFor, rejectSubscription, subscribeFor } from './subscriptions';
import { withTenant, type Tx } from './tx';

// The documents' own API (docs/contracts/documents-openapi.yaml) over the portal's data functions:
// the same permissions, tenant scope, link rules, audit and state machine; only names and
// shapes differ. A user is named by their 7-digit customer number, a tenant by its 4-digit
// provider code. docs/api.md, "The documents' API", lists where it departs from the contract.

/** The tenant a provider code names, or null (the caller answers 404 whether unknown or foreign). */
export async function tenantOfProviderCode(code: string): Promise<string | null> {
  const [row] = await appDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.providerCode, code));
  return row?.id ?? null;
}

/** The active tenant's provider code (shown on Settings). */
export async function getProviderCode(ctx: RequestContext): Promise<string> {
  assertCan(ctx, 'settings.read');
  return providerIdOf(ctx);
}

/** A customer number of the active tenant to the user's id; another tenant's number is 404. */
async function userIdOf(tx: Tx, tenantId: string, customerNumber: string): Promise<string> {
  const [row] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.customerNumber, customerNumber)));
  if (!row) throw notFound('User');
  return row.id;
}

/** The latest subscription state per user, as the documents' `sub_status`. */
async function subStatuses(tx: Tx, tenantId: string, userIds: string[]): Promise<Map<string, CompatStatus['sub_status']>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .selectDistinctOn([subscriptions.userId], { userId: subscriptions.userId, state: subscriptions.state })
    .from(subscriptions)
    .where(and(eq(subscriptions.tenantId, tenantId), inArray(subscriptions.userId, userIds)))
    .orderBy(subscriptions.userId, desc(subscriptions.createdAt));
  return new Map(rows.map((r) => [r.userId, subStatusOf(r.state)]));
}

/**
 * `GET /api/external/user`: one user by customer number, or a page of the tenant's users created
 * between `from` and `to` (nanoseconds since the epoch), oldest first (users.read).
 */
export async function compatUsers(ctx: RequestContext, q: CompatUsersQuery): Promise<CompatUser | CompatUser[]> {
  assertCan(ctx, 'users.read');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [tenant] = await tx.select({ code: tenants.providerCode, country: tenants.country }).from(tenants).where(eq(tenants.id, tenantId));
    const where = [
      eq(users.tenantId, tenantId),
      q.user_id ? eq(users.customerNumber, q.user_id) : undefined,
      q.from !== undefined ? gte(users.createdAt, nanosToDate(q.from)) : undefined,
      q.to !== undefined ? lte(users.createdAt, nanosToDate(q.to)) : undefined,
    ];
    const rows = await tx
      .select({ id: users.id, number: users.customerNumber, status: users.status, type: users.type })
      .from(users)
      .where(and(...where))
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(q.user_id ? 1 : q.limit);
    if (q.user_id && rows.length === 0) throw notFound('User');
    const statuses = await subStatuses(tx, tenantId, rows.map((r) => r.id));
    await auditLinkRead(tx, ctx, { action: 'users.list', resourceType: 'user', details: { count: rows.length, api: 'documents' } });
    const out = rows.map(
      (r): CompatUser => ({
        user_id: r.number ?? '',
        provider_id: tenant?.code ?? '',
        status: r.status,
        type: r.type,
        ...(tenant?.country ? { zone: tenant.country.toLowerCase() } : {}),
        sub_status: statuses.get(r.id) ?? 'absent',
      }),
    );
    return q.user_id ? out[0]! : out;
  });
}

/** Nanoseconds (what the contract's `from` and `to` carry) to a Date, to the millisecond. */
const nanosToDate = (ns: bigint) => new Date(Number(ns / 1_000_000n));

/** `GET /api/partner`: the active tenant as the documents' Partner (settings.read). */
export async function compatPartner(ctx: RequestContext, q: { status?: 'active' | 'stopped' }): Promise<CompatPartner> {
  assertCan(ctx, 'settings.read');
  const [row] = await appDb()
    .select({ code: tenants.providerCode, name: tenants.name, status: tenants.status, onboardedOn: tenants.onboardedOn, createdAt: tenants.createdAt })
    .from(tenants)
    .where(eq(tenants.id, ctx.activeTenant.id));
  // A status filter that does not match answers as the contract's "not found".
  if (!row || (q.status && q.status !== row.status)) throw notFound('Partner');
  return { provider_id: row.code ?? '', name: row.name, status: row.status, created_at: row.createdAt.toISOString() };
}

const toCompatPlan = (p: PlanDto, providerId: string): CompatPlan => ({
  plan_id: p.id,
  name: p.name,
  provider_id: providerId,
  available_for: p.availableFor,
  price: toMajor(p.priceMinor, p.currency),
  currency: p.currency,
  billing_cycle: p.billingCycle,
  active: p.active,
});

const minorDigits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
const toMajor = (minor: number, currency: string) => minor / 10 ** minorDigits(currency);
/** A price as the contract sends it (a float in major units) to whole minor units, or a 422. */
function toMinor(price: number, currency: string): number {
  const minor = Math.round(price * 10 ** minorDigits(currency));
  if (Math.abs(minor - price * 10 ** minorDigits(currency)) > 1e-6) {
    throw new AppError('VALIDATION_ERROR', 'The request is not valid.', { fieldErrors: { 'body.price': [`${currency} has ${minorDigits(currency)} decimals.`] } });
  }
  return minor;
}

/** The active tenant's provider code (the caller checked the permission). */
async function providerIdOf(ctx: RequestContext): Promise<string> {
  const [row] = await appDb().select({ code: tenants.providerCode }).from(tenants).where(eq(tenants.id, ctx.activeTenant.id));
  return row?.code ?? '';
}

/** `GET /api/subscriptions/plans` (plans.read). */
export async function compatListPlans(ctx: RequestContext, q: { user_types?: ('basic' | 'advanced' | 'company')[] }): Promise<CompatPlan[]> {
  const list = await listPlans(ctx, q.user_types ? { user_types: q.user_types } : {});
  const providerId = await providerIdOf(ctx);
  return list.map((p) => toCompatPlan(p, providerId));
}

/**
 * `POST /api/subscriptions/plans` (plans.write). The contract names no currency: `currency`
 * may be sent; without it the plan takes the currency of the tenant's first plan (EUR when it
 * has none).
 */
export async function compatCreatePlan(ctx: RequestContext, body: CompatPlanInput): Promise<{ plan_id: string }> {
  assertCan(ctx, 'plans.write');
  const currency = body.currency ?? (await tenantCurrency(ctx));
  const created = await createPlan(ctx, {
    name: body.name,
    priceMinor: toMinor(body.price, currency),
    currency,
    billingCycle: body.billing_cycle,
    availableFor: body.available_for,
    active: body.active ?? true,
  });
  return { plan_id: created.id };
}

async function tenantCurrency(ctx: RequestContext): Promise<(typeof currencies)[number]> {
  const [first] = await withTenant(ctx, (tx) =>
    tx.select({ currency: plans.currency }).from(plans).where(eq(plans.tenantId, ctx.activeTenant.id)).orderBy(asc(plans.createdAt)).limit(1),
  );
  return (currencies as readonly string[]).includes(first?.currency ?? '') ? (first!.currency as (typeof currencies)[number]) : 'EUR';
}

/** `PUT /api/subscriptions/plans/{plan_id}` (plans.write): the fields sent replace the plan's, the rest stay. */
export async function compatUpdatePlan(ctx: RequestContext, planId: string, body: CompatPlanUpdate): Promise<CompatPlan> {
  assertCan(ctx, 'plans.write');
  const current = await getPlan(ctx, { id: planId });
  const currency = body.currency ?? current.currency;
  const updated = await updatePlan(ctx, {
    id: planId,
    name: body.name ?? current.name,
    description: current.description,
    features: current.features,
    priceMinor: body.price !== undefined ? toMinor(body.price, currency) : current.priceMinor,
    currency: currency as (typeof currencies)[number],
    billingCycle: body.billing_cycle ?? current.billingCycle,
    availableFor: body.available_for ?? current.availableFor,
    opsPerDay: current.opsPerDay,
    opsPerWeek: current.opsPerWeek,
    inactivityTimeoutMinutes: current.inactivityTimeoutMinutes,
    active: body.active ?? current.active,
  });
  return toCompatPlan(updated, await providerIdOf(ctx));
}

/** `DELETE /api/subscriptions/plans/{plan_id}` (plans.write): a plan with history is a 409. */
export async function compatDeletePlan(ctx: RequestContext, planId: string): Promise<void> {
  await deletePlan(ctx, { id: planId });
}

/** `POST /api/subscriptions/{user_id}/subscribe/{plan_id}` (subscriptions.write): a signing, the code mailed to the user. */
export async function compatSubscribe(ctx: RequestContext, customerNumber: string, planId: string): Promise<{ status: 'signing' }> {
  assertCan(ctx, 'subscriptions.write');
  const userId = await withTenant(ctx, (tx) => userIdOf(tx, ctx.activeTenant.id, customerNumber));
  await subscribeFor(ctx, { userId, planId });
  return { status: 'signing' };
}

/** `POST /api/subscriptions/{user_id}/confirm/{plan_id}` (subscriptions.write) with the code the user received. */
export async function compatConfirm(ctx: RequestContext, customerNumber: string, planId: string, code: string): Promise<CompatStatus> {
  assertCan(ctx, 'subscriptions.write');
  const userId = await withTenant(ctx, (tx) => userIdOf(tx, ctx.activeTenant.id, customerNumber));
  const sub = await confirmSubscriptionFor(ctx, { userId, planId, code });
  return { user_id: customerNumber, sub_status: subStatusOf(sub.state) };
}

/** `GET /api/subscriptions/status?user_id=` (subscriptions.read). */
export async function compatStatus(ctx: RequestContext, customerNumber: string): Promise<CompatStatus> {
  assertCan(ctx, 'subscriptions.read');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const userId = await userIdOf(tx, tenantId, customerNumber);
    const status = (await subStatuses(tx, tenantId, [userId])).get(userId) ?? 'absent';
    await auditLinkRead(tx, ctx, { action: 'subscriptions.read', resourceType: 'user', resourceId: userId, details: { api: 'documents' } });
    return { user_id: customerNumber, sub_status: status };
  });
}

/**
 * `POST /api/subscriptions/{user_id}/unsubscribe` (subscriptions.write): the live subscription
 * ends now (a signing in progress is turned down); none is a 409 (the contract's 400).
 */
export async function compatUnsubscribe(ctx: RequestContext, customerNumber: string): Promise<{ user_id: string; sub_status: 'unsigned' }> {
  assertCan(ctx, 'subscriptions.write');
  const tenantId = ctx.activeTenant.id;
  const live = await withTenant(ctx, async (tx) => {
    const userId = await userIdOf(tx, tenantId, customerNumber);
    const [row] = await tx
      .select({ id: subscriptions.id, state: subscriptions.state })
      .from(subscriptions)
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.userId, userId), inArray(subscriptions.state, ['signing', 'signed', 'suspended'])))
      .orderBy(desc(subscriptions.createdAt))
      .limit(1);
    return row ?? null;
  });
  if (!live) throw new AppError('CONFLICT', 'This user has no active subscription to cancel.');
  if (live.state === 'signing') await rejectSubscription(ctx, { id: live.id, reason: 'Cancelled through the API' });
  else await cancelSubscription(ctx, { id: live.id, at_period_end: false, reason: 'Cancelled through the API' });
  return { user_id: customerNumber, sub_status: 'unsigned' };
}


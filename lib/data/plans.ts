import 'server-only';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { listPlansSchema } from '@/lib/validation/plans';
import { plans, subscriptionEvents, subscriptions } from '@/db/schema';
import type { PlanUserType, UserType } from '@/lib/config/enums';
import { ineligibleReason } from '@/lib/config/subscriptions';
import { AppError, notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import {
  planSchema,
  updatePlanSchema,
  type PlanCardDto,
  type PlanDto,
  type PlanInput,
  type UpdatePlanInput,
} from '@/lib/validation/plans';
import { auditLinkRead, recordAudit } from './audit';
import { pgError } from './pg';
import { actorLabel, endSigning, liveSubscriptionOf } from './subscriptions';
import { withHomeTenant, withTenant, type Tx } from './tx';

// The Plans workspace (plans.read / plans.write) and the end users' catalogue (My account).

const live = sql`('signing', 'signed', 'suspended')`;

/** Plans with their live subscriber and history counts (one index probe each). */
function plansQuery(tx: Tx, tenantId: string, where: (SQL | undefined)[]) {
  return tx
    .select({
      plan: plans,
      subscriberCount: sql<number>`(select count(*)::int from ${subscriptions} s where s.tenant_id = plans.tenant_id and s.plan_id = plans.id and s.state in ${live})`,
      historyCount: sql<number>`(select count(*)::int from ${subscriptions} s where s.tenant_id = plans.tenant_id and s.plan_id = plans.id)`,
    })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), ...where));
}

type Row = Awaited<ReturnType<typeof plansQuery>>[number];
const toDto = ({ plan: p, subscriberCount, historyCount }: Row): PlanDto => ({
  id: p.id,
  name: p.name,
  description: p.description,
  features: p.features,
  priceMinor: p.priceMinor,
  currency: p.currency,
  billingCycle: p.billingCycle,
  availableFor: p.availableFor as PlanUserType[],
  opsPerDay: p.opsPerDay,
  opsPerWeek: p.opsPerWeek,
  inactivityTimeoutMinutes: p.inactivityTimeoutMinutes,
  active: p.active,
  discontinuedAt: p.discontinuedAt?.toISOString() ?? null,
  subscriberCount,
  historyCount,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** The tenant's plans, oldest first (a tenant has tens, not thousands): `user_types` and `active` filter. */
export async function listPlans(ctx: RequestContext, input: z.output<typeof listPlansSchema> = {}): Promise<PlanDto[]> {
  assertCan(ctx, 'plans.read');
  const { user_types: types, active } = input;
  return withTenant(ctx, async (tx) => {
    const rows = await plansQuery(tx, ctx.activeTenant.id, [
      types ? sql`${plans.availableFor} && ${sql.param(types)}::text[]` : undefined,
      active ? eq(plans.active, active === 'true') : undefined,
    ])
      .orderBy(asc(plans.createdAt), asc(plans.id))
      .limit(500);
    await auditLinkRead(tx, ctx, { action: 'plans.list', resourceType: 'plan', details: { count: rows.length } });
    return rows.map(toDto);
  });
}

async function readPlan(tx: Tx, tenantId: string, id: string): Promise<PlanDto> {
  const [row] = await plansQuery(tx, tenantId, [eq(plans.id, id)]);
  if (!row) throw notFound('Plan');
  return toDto(row);
}

export async function getPlan(ctx: RequestContext, { id }: { id: string }): Promise<PlanDto> {
  assertCan(ctx, 'plans.read');
  return withTenant(ctx, async (tx) => {
    const plan = await readPlan(tx, ctx.activeTenant.id, id);
    await auditLinkRead(tx, ctx, { action: 'plans.read', resourceType: 'plan', resourceId: id });
    return plan;
  });
}

const nameTaken = (error: unknown) => {
  const e = pgError(error);
  if (e?.code === '23505' && e.constraint === 'plans_tenant_name_key') {
    return new AppError('CONFLICT', 'A plan with this name exists already.', { fieldErrors: { name: ['A plan with this name exists already.'] } });
  }
  return error;
};

export async function createPlan(ctx: RequestContext, input: PlanInput): Promise<PlanDto> {
  assertCan(ctx, 'plans.write');
  const values = planSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [created] = await tx.insert(plans).values({ tenantId, ...values }).returning({ id: plans.id });
    await recordAudit(tx, ctx, { action: 'plan.create', resourceType: 'plan', resourceId: created!.id, details: { name: values.name, priceMinor: values.priceMinor, currency: values.currency } });
    return readPlan(tx, tenantId, created!.id);
  }).catch((error: unknown) => {
    throw nameTaken(error);
  });
}

/**
 * Edits a plan. Existing subscriptions keep their price snapshot; with `applyToSubscribers` a
 * price change reaches the live ones from their next period (`next_price_minor`). Currency and
 * cycle cannot change while the plan has live subscribers (their snapshot would not add up).
 */
export async function updatePlan(ctx: RequestContext, { id, ...input }: { id: string } & UpdatePlanInput): Promise<PlanDto & { appliedTo: number }> {
  assertCan(ctx, 'plans.write');
  const { applyToSubscribers, ...values } = updatePlanSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [before] = await tx.select().from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, id))).for('update');
    if (!before) throw notFound('Plan');
    const current = await readPlan(tx, tenantId, id);
    if (current.subscriberCount > 0 && (values.currency !== before.currency || values.billingCycle !== before.billingCycle)) {
      const message = `Currency and billing cycle stay while the plan has ${current.subscriberCount} current subscriber${current.subscriberCount === 1 ? '' : 's'}; create a new plan instead.`;
      throw new AppError('CONFLICT', message, { fieldErrors: { [values.currency !== before.currency ? 'currency' : 'billingCycle']: [message] } });
    }
    if (values.active && before.discontinuedAt) throw new AppError('CONFLICT', 'A discontinued plan cannot be activated again; create a new plan.');
    await tx.update(plans).set({ ...values, updatedAt: sql`now()` }).where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)));
    let appliedTo = 0;
    if (applyToSubscribers && values.priceMinor !== before.priceMinor) {
      const applied = await tx
        .update(subscriptions)
        .set({ nextPriceMinor: values.priceMinor, updatedAt: sql`now()` })
        .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.planId, id), sql`${subscriptions.state} in ${live}`))
        .returning({ id: subscriptions.id });
      appliedTo = applied.length;
    }
    const changed = Object.fromEntries(
      (Object.keys(values) as (keyof typeof values)[])
        .filter((k) => JSON.stringify(values[k]) !== JSON.stringify(before[k]))
        .map((k) => [k, { before: before[k], after: values[k] }]),
    );
    await recordAudit(tx, ctx, { action: 'plan.update', resourceType: 'plan', resourceId: id, details: { changed, appliedToSubscribers: appliedTo } });
    return { ...(await readPlan(tx, tenantId, id)), appliedTo };
  }).catch((error: unknown) => {
    throw nameTaken(error);
  });
}

/** Deletes a plan nobody ever subscribed to; one with history is refused (deactivate it instead). */
export async function deletePlan(ctx: RequestContext, { id }: { id: string }): Promise<void> {
  assertCan(ctx, 'plans.write');
  const tenantId = ctx.activeTenant.id;
  await withTenant(ctx, async (tx) => {
    const [plan] = await tx.select({ name: plans.name }).from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, id))).for('update');
    if (!plan) throw notFound('Plan');
    const { historyCount } = await readPlan(tx, tenantId, id);
    if (historyCount > 0) {
      throw new AppError('CONFLICT', `${plan.name} has subscription history (${historyCount}) and cannot be deleted. Deactivate it to stop new sign-ups.`, { historyCount });
    }
    await tx.delete(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)));
    await recordAudit(tx, ctx, { action: 'plan.delete', resourceType: 'plan', resourceId: id, details: { name: plan.name } });
  });
}

/**
 * Discontinues a plan: no new sign-ups (inactive for good), signings in progress are rejected
 * now, and signed subscriptions cancel at their period end (the period-end job ends them).
 */
export async function discontinuePlan(ctx: RequestContext, { id }: { id: string }): Promise<PlanDto & { scheduled: number; rejected: number }> {
  assertCan(ctx, 'plans.write');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [plan] = await tx
      .update(plans)
      .set({ active: false, discontinuedAt: sql`coalesce(${plans.discontinuedAt}, now())`, updatedAt: sql`now()` })
      .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)))
      .returning({ name: plans.name });
    if (!plan) throw notFound('Plan');
    const actor = actorLabel(ctx);
    const reason = `${plan.name} was discontinued`;
    const scheduled = await tx
      .update(subscriptions)
      .set({ cancelAtPeriodEnd: true, cancelReason: reason, updatedAt: sql`now()` })
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.planId, id), eq(subscriptions.state, 'signed'), eq(subscriptions.cancelAtPeriodEnd, false)))
      .returning({ id: subscriptions.id });
    // One bulk flag update and its history rows, not a transition per subscriber (a plan may have thousands).
    if (scheduled.length > 0) {
      await tx
        .insert(subscriptionEvents)
        .values(scheduled.map((s) => ({ tenantId, subscriptionId: s.id, fromState: 'signed' as const, toState: 'signed' as const, event: 'schedule_cancel', reason, actorUserId: ctx.user.id, actorLabel: actor })));
    }
    const signing = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.planId, id), eq(subscriptions.state, 'signing')));
    for (const s of signing) await endSigning(tx, ctx, s.id, 'reject', reason);
    await recordAudit(tx, ctx, { action: 'plan.discontinue', resourceType: 'plan', resourceId: id, details: { scheduled: scheduled.length, rejected: signing.length } });
    return { ...(await readPlan(tx, tenantId, id)), scheduled: scheduled.length, rejected: signing.length };
  });
}

/** The cards a user of `type` sees: every active plan, eligible or explained. */
async function cardsFor(tx: Tx, tenantId: string, type: UserType, currentPlanId: string | null): Promise<PlanCardDto[]> {
  const rows = await tx
    .select()
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.active, true)))
    .orderBy(asc(plans.priceMinor), asc(plans.name))
    .limit(500);
  return rows.map((p) => {
    const availableFor = p.availableFor as PlanUserType[];
    const reason = ineligibleReason(type, availableFor);
    return {
      id: p.id,
      name: p.name,
      description: p.description,
      features: p.features,
      priceMinor: p.priceMinor,
      currency: p.currency,
      billingCycle: p.billingCycle,
      availableFor,
      eligible: reason === null,
      reason,
      current: p.id === currentPlanId,
    };
  });
}

/** The signed-in user's catalogue: their home tenant's active plans as cards (`GET /api/v1/me/plans`). */
export async function listMyPlanCards(ctx: RequestContext): Promise<PlanCardDto[]> {
  assertCan(ctx, 'account.read');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const current = await liveSubscriptionOf(tx, tenantId, ctx.user.id);
    return cardsFor(tx, tenantId, ctx.user.type, current?.planId ?? null);
  });
}

/** "Preview as basic / advanced / company": exactly the cards that type would see (plans.read). */
export async function previewPlanCards(ctx: RequestContext, { as }: { as: PlanUserType }): Promise<PlanCardDto[]> {
  assertCan(ctx, 'plans.read');
  return withTenant(ctx, (tx) => cardsFor(tx, ctx.activeTenant.id, as, null));
}

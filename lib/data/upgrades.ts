import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { upgradeRequests, users } from '@/db/schema';
import { userTypeLabels, type UserType } from '@/lib/config/enums';
import { AppError, notFound } from '@/lib/errors';
import { assertCan, assertHomeCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { upgradeDecisionSchema, upgradeRequestSchema } from '@/lib/validation/account';
import { recordAudit, recordAuditIn } from './audit';
import { readEndUserSettings } from './end-user-settings';
import { notifyUser } from './internal/notify';
import { pgErrorCode } from './pg';
import { transitionUserType } from './user-types';
import { withHomeTenant, withTenant, type Tx } from './tx';

const next: Partial<Record<UserType, UserType>> = { basic: 'advanced', advanced: 'company' };

export type UpgradeOutcome = { status: 'approved' | 'pending'; policy: string; type: UserType; nextAction: string; requestId: string | null };

/** The upgrade a user may ask for now, and the rule it follows (or why there is none). */
export async function upgradePath(tx: Tx, tenantId: string, type: UserType): Promise<{ to: UserType | null; policy: string | null; blockedBecause: string | null }> {
  if (type === 'guest') return { to: null, policy: null, blockedBecause: 'Verify your identity first: guests become basic by KYC.' };
  const to = next[type];
  if (!to) return { to: null, policy: null, blockedBecause: type === 'company' ? 'Company is the highest type.' : 'Staff accounts have no end-user type.' };
  const settings = await readEndUserSettings(tx, tenantId);
  return { to, policy: type === 'basic' ? settings.basicToAdvanced : settings.advancedToCompany, blockedBecause: null };
}

/**
 * A user asks to move up one type (account.kyc, in their home tenant). The tenant's policy
 * decides: automatic moves them at once; advanced KYC and business verification open a
 * request that their next submission settles; admin approval waits in the reviewer queue.
 */
export async function requestUpgrade(ctx: RequestContext, input: { to: string }): Promise<UpgradeOutcome> {
  assertCan(ctx, 'account.kyc');
  const { to } = upgradeRequestSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  const userId = ctx.user.id;
  try {
    return await withHomeTenant(ctx, async (tx) => {
      const [me] = await tx.select({ type: users.type }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId))).for('update');
      if (!me) throw notFound('User');
      const path = await upgradePath(tx, tenantId, me.type);
      if (!path.to || path.to !== to) {
        const why = path.blockedBecause ?? `From ${userTypeLabels[me.type]} the next type is ${userTypeLabels[path.to!]}.`;
        throw new AppError('CONFLICT', why, { fieldErrors: { to: [why] } });
      }
      const audit = (e: { action: string; resourceType: string; resourceId: string; details: Record<string, unknown> }) => recordAuditIn(tx, ctx, tenantId, e);
      if (path.policy === 'automatic') {
        const [req] = await tx
          .insert(upgradeRequests)
          .values({ tenantId, userId, fromType: me.type, toType: to, policy: 'automatic', status: 'approved', decidedAt: sql`now()` })
          .returning({ id: upgradeRequests.id });
        await transitionUserType(tx, { tenantId, userId, from: me.type, to, source: 'upgrade', reason: 'Automatic upgrade on request', actor: { userId, label: ctx.user.email }, audit });
        await notifyUser(tx, { tenantId, userId, kind: 'type_changed', title: `You are now ${userTypeLabels[to]}`, body: `Your account moved up to ${userTypeLabels[to]}.` });
        return { status: 'approved', policy: 'automatic', type: to, nextAction: `You are now ${userTypeLabels[to]}.`, requestId: req!.id };
      }
      const [req] = await tx
        .insert(upgradeRequests)
        .values({ tenantId, userId, fromType: me.type, toType: to, policy: path.policy! })
        .returning({ id: upgradeRequests.id });
      await audit({ action: 'user.upgrade_requested', resourceType: 'user', resourceId: userId, details: { from: me.type, to, policy: path.policy } });
      const nextAction =
        path.policy === 'admin_approval'
          ? 'Requested: an administrator will decide, usually within 1 business day.'
          : path.policy === 'advanced_kyc'
            ? 'Next: send a proof of address.'
            : 'Next: send your company details and registration document.';
      return { status: 'pending', policy: path.policy!, type: me.type, nextAction, requestId: req!.id };
    });
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw new AppError('CONFLICT', 'You already have an upgrade request waiting.');
    throw error;
  }
}

/** An admin decides an admin-approval upgrade request (users.kyc.review, at home only). */
export async function decideUpgradeRequest(ctx: RequestContext, input: { id: string; decision: 'approve' | 'reject'; reason?: string }): Promise<{ id: string; status: string }> {
  assertHomeCan(ctx, 'users.kyc.review');
  const { decision, reason } = upgradeDecisionSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const status = decision === 'approve' ? 'approved' : 'rejected';
    const [req] = await tx
      .update(upgradeRequests)
      .set({ status, decidedAt: sql`now()`, decidedBy: ctx.user.id, decisionReason: reason ?? null })
      .where(and(eq(upgradeRequests.tenantId, tenantId), eq(upgradeRequests.id, input.id), eq(upgradeRequests.status, 'pending'), eq(upgradeRequests.policy, 'admin_approval')))
      .returning();
    if (!req) {
      const [other] = await tx.select({ status: upgradeRequests.status, policy: upgradeRequests.policy }).from(upgradeRequests).where(and(eq(upgradeRequests.tenantId, tenantId), eq(upgradeRequests.id, input.id)));
      if (!other) throw notFound('Upgrade request');
      throw new AppError('CONFLICT', other.status === 'pending' ? 'This request is settled by its KYC submission, not here.' : `This request was already ${other.status}.`);
    }
    const [user] = await tx.select({ email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, req.userId)));
    await recordAudit(tx, ctx, { action: `user.upgrade_${status}`, resourceType: 'user', resourceId: req.userId, details: { from: req.fromType, to: req.toType, reason: reason ?? null } });
    if (decision === 'approve') {
      const moved = await transitionUserType(tx, {
        tenantId,
        userId: req.userId,
        from: req.fromType,
        to: req.toType,
        source: 'upgrade',
        reason: reason || 'Upgrade approved by an administrator',
        actor: { userId: ctx.user.id, label: ctx.user.email },
        audit: (e) => recordAudit(tx, ctx, e),
      });
      if (!moved) throw new AppError('CONFLICT', `The user is no longer ${req.fromType}; nothing was changed.`);
    }
    await notifyUser(tx, {
      tenantId,
      userId: req.userId,
      kind: `upgrade.${status}`,
      title: decision === 'approve' ? `You are now ${userTypeLabels[req.toType]}` : `Upgrade to ${userTypeLabels[req.toType]} declined`,
      body: decision === 'approve' ? `Your request to become ${userTypeLabels[req.toType]} was approved.` : `Your request to become ${userTypeLabels[req.toType]} was declined${reason ? `: ${reason}` : '.'}`,
      mailTo: user?.email,
      tenantName: ctx.activeTenant.name,
    });
    return { id: req.id, status };
  });
}

/** Pending upgrade requests waiting for an admin (admin_approval) or for their KYC. */
export async function listUpgradeRequests(ctx: RequestContext) {
  assertHomeCan(ctx, 'users.kyc.review');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({
        id: upgradeRequests.id,
        fromType: upgradeRequests.fromType,
        toType: upgradeRequests.toType,
        policy: upgradeRequests.policy,
        status: upgradeRequests.status,
        submissionId: upgradeRequests.submissionId,
        createdAt: upgradeRequests.createdAt,
        userId: users.id,
        name: users.name,
        email: users.email,
      })
      .from(upgradeRequests)
      .innerJoin(users, and(eq(users.tenantId, upgradeRequests.tenantId), eq(users.id, upgradeRequests.userId)))
      .where(and(eq(upgradeRequests.tenantId, tenantId), eq(upgradeRequests.status, 'pending')))
      .orderBy(upgradeRequests.createdAt)
      .limit(200);
    return rows.map((r) => ({
      id: r.id,
      user: { id: r.userId, name: r.name, email: r.email },
      fromType: r.fromType,
      toType: r.toType,
      policy: r.policy,
      status: r.status,
      submissionId: r.submissionId,
      createdAt: r.createdAt.toISOString(),
    }));
  });
}

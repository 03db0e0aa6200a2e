import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { usageOperations, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Permission } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { recordAuditIn } from '../audit';
import { withHomeTenant, type Tx } from '../tx';

/**
 * Operations and quotas (DESIGN.md section 4). An operation is any API call or server action
 * the user makes, except viewing their own account, securing it (sessions, password) and
 * verifying their identity (KYC is the way out of idle, so it must stay open), and signing in.
 * Editing one's profile is an operation. Counted in the user's home tenant, in rolling windows
 * of 24 hours and 7 days.
 */
const NOT_OPERATIONS = new Set<Permission>(['account.read', 'account.sessions.manage', 'account.kyc']);
export const countsAsOperation = (permission: Permission) => !NOT_OPERATIONS.has(permission);

export type UsageOutcome = { warning: string | null };

/**
 * Counts one operation, or refuses it. Breach actions: warn (allowed, flagged and audited),
 * throttle (refused until the window frees), idle (refused, and the user turns idle until the
 * window frees or KYC upgrades them). An idle user whose window has freed is active again.
 */
export async function countOperation(ctx: RequestContext): Promise<UsageOutcome> {
  const { opsPerDay, opsPerWeek, breachAction } = ctx.policy;
  if (opsPerDay === null && opsPerWeek === null) return { warning: null };
  const tenantId = ctx.homeTenant.id;
  const userId = ctx.user.id;

  const verdict = await withHomeTenant(ctx, async (tx) => {
    // One user's operations are counted one at a time, so two parallel calls cannot both slip in.
    const [me] = await tx
      .select({ status: users.status })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
      .for('update');
    await tx
      .delete(usageOperations)
      .where(and(eq(usageOperations.tenantId, tenantId), eq(usageOperations.userId, userId), lt(usageOperations.at, sql`now() - interval '7 days'`)));
    const usage = await usageWindows(tx, tenantId, userId);
    const { day, week } = usage;
    const overDay = opsPerDay !== null && day + 1 > opsPerDay;
    const overWeek = opsPerWeek !== null && week + 1 > opsPerWeek;
    const details = { opsPerDay, opsPerWeek, usedToday: day, usedThisWeek: week, breachAction };

    if (!overDay && !overWeek) {
      await tx.insert(usageOperations).values({ tenantId, userId });
      if (me?.status === 'idle') {
        await tx.update(users).set({ status: 'active', updatedAt: sql`now()` }).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
        await recordAuditIn(tx, ctx, tenantId, { action: 'usage.idle_lifted', resourceType: 'user', resourceId: userId, details });
      }
      return { refused: false as const, warning: null };
    }

    const retryAfter = Math.max(1, Math.ceil(Math.max(overDay ? (usage.dayFreesIn ?? 0) : 0, overWeek ? (usage.weekFreesIn ?? 0) : 0)));
    if (breachAction === 'warn') {
      await tx.insert(usageOperations).values({ tenantId, userId });
      await recordAuditIn(tx, ctx, tenantId, { action: 'usage.quota_exceeded', resourceType: 'user', resourceId: userId, details });
      return { refused: false as const, warning: `Usage quota exceeded (${overDay ? `${opsPerDay} a day` : `${opsPerWeek} a week`}).` };
    }
    if (breachAction === 'idle' && me?.status !== 'idle') {
      await tx.update(users).set({ status: 'idle', updatedAt: sql`now()` }).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
      await recordAuditIn(tx, ctx, tenantId, { action: 'usage.idle', resourceType: 'user', resourceId: userId, outcome: 'denied', details });
    }
    return { refused: true as const, retryAfter, overDay };
  });

  if (verdict.refused) {
    const window = verdict.overDay ? `${opsPerDay} operations a day` : `${opsPerWeek} operations a week`;
    const idle = breachAction === 'idle';
    throw new AppError(
      'USAGE_LIMIT_EXCEEDED',
      idle
        ? `You have used your ${window}. Your account is idle until the window frees${ctx.user.type === 'guest' ? '; complete KYC verification to lift the guest limits' : ''}.`
        : `You have used your ${window}. Try again later.`,
      { retryAfterSeconds: verdict.retryAfter, status: idle ? 'idle' : ctx.user.status },
    );
  }
  return { warning: verdict.warning };
}

export type UsageWindows = {
  day: number;
  week: number;
  /** When the oldest operation of each window leaves it (null: the window is empty), and how soon. */
  dayFreesAt: Date | null;
  weekFreesAt: Date | null;
  dayFreesIn: number | null;
  weekFreesIn: number | null;
};

/** A user's operations in the rolling 24 hours and 7 days, on the database clock: one query. */
export async function usageWindows(tx: Tx, tenantId: string, userId: string): Promise<UsageWindows> {
  const [u] = await tx.execute<{ day: number; week: number; day_frees_at: string | null; week_frees_at: string | null; day_frees_in: number | null; week_frees_in: number | null }>(sql`
    select day, week, day_frees_at, week_frees_at,
           extract(epoch from day_frees_at - now())::float8 as day_frees_in,
           extract(epoch from week_frees_at - now())::float8 as week_frees_in
    from (select count(*) filter (where at > now() - interval '1 day')::int as day,
                 count(*)::int as week,
                 min(at) filter (where at > now() - interval '1 day') + interval '1 day' as day_frees_at,
                 min(at) + interval '7 days' as week_frees_at
          from usage_operations
          where tenant_id = ${tenantId} and user_id = ${userId} and at > now() - interval '7 days') w`);
  return {
    day: u?.day ?? 0,
    week: u?.week ?? 0,
    dayFreesAt: u?.day_frees_at ? new Date(u.day_frees_at) : null,
    weekFreesAt: u?.week_frees_at ? new Date(u.week_frees_at) : null,
    dayFreesIn: u?.day_frees_in ?? null,
    weekFreesIn: u?.week_frees_in ?? null,
  };
}

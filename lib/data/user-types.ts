import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { kycSubmissions, roles, sessions, userRoles, userTypeHistory, users } from '@/db/schema';
import { userTypeLabels, type UserType } from '@/lib/config/enums';
import { AppError, notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import { actorLabelOf, type RequestContext } from '@/lib/tenancy/context';
import { typeChangeSchema, type TypeChangeInput, type TypeHistoryDto } from '@/lib/validation/account';
import { auditLinkRead, recordAudit } from './audit';
import { notifyUser } from './internal/notify';
import { endIneligibleSubscriptions } from './subscriptions';
import { withTenant, type Tx } from './tx';

/** The end-user ladder. Admins (staff) are not on it and never change type here. */
export const ladder: readonly UserType[] = ['guest', 'basic', 'advanced', 'company'];
export type TypeSource = 'kyc' | 'upgrade' | 'admin' | 'expiry';

/** Guest sessions end 20 minutes after sign-in; other types keep the 12-hour ceiling. */
const GUEST_SESSION_MINUTES = 20;

/**
 * Moves one user from one type to another: one conditional update (it changes nothing when the
 * user is no longer `from`), the built-in type role swapped, live sessions put under the new
 * type's rules from the next request, a history row and an audit event. Returns false when the
 * user was not `from`; the caller decides whether that is a conflict.
 */
export async function transitionUserType(
  tx: Tx,
  t: {
    tenantId: string;
    userId: string;
    from: UserType;
    to: UserType;
    source: TypeSource;
    reason: string | null;
    actor: { userId: string; label: string } | null;
    audit: (entry: { action: string; resourceType: string; resourceId: string; details: Record<string, unknown> }) => Promise<void>;
  },
): Promise<boolean> {
  const up = ladder.indexOf(t.to) > ladder.indexOf(t.from);
  const [moved] = await tx
    .update(users)
    // Moving up ends idleness (verification is one of the two ways out); moving down keeps the status.
    .set({ type: t.to, updatedAt: sql`now()`, ...(up ? { status: sql`case when ${users.status} = 'idle' then 'active'::user_status else ${users.status} end` } : {}) })
    .where(and(eq(users.tenantId, t.tenantId), eq(users.id, t.userId), eq(users.type, t.from)))
    .returning({ id: users.id });
  if (!moved) return false;

  const typeRoles = await tx
    .select({ id: roles.id, key: roles.key })
    .from(roles)
    .where(and(eq(roles.tenantId, t.tenantId), eq(roles.builtIn, true), inArray(roles.key, [t.from, t.to])));
  const fromRole = typeRoles.find((r) => r.key === t.from);
  const toRole = typeRoles.find((r) => r.key === t.to);
  if (fromRole) await tx.delete(userRoles).where(and(eq(userRoles.tenantId, t.tenantId), eq(userRoles.userId, t.userId), eq(userRoles.roleId, fromRole.id)));
  if (toRole) await tx.insert(userRoles).values({ tenantId: t.tenantId, userId: t.userId, roleId: toRole.id }).onConflictDoNothing();

  const live = and(eq(sessions.tenantId, t.tenantId), eq(sessions.userId, t.userId), isNull(sessions.revokedAt));
  if (t.from === 'guest') {
    await tx.update(sessions).set({ expiresAt: sql`${sessions.createdAt} + interval '12 hours'` }).where(live);
  } else if (t.to === 'guest') {
    await tx.update(sessions).set({ expiresAt: sql`least(${sessions.expiresAt}, now() + make_interval(mins => ${GUEST_SESSION_MINUTES}))` }).where(live);
  }
  await tx.insert(userTypeHistory).values({
    tenantId: t.tenantId,
    userId: t.userId,
    fromType: t.from,
    toType: t.to,
    source: t.source,
    reason: t.reason,
    actorUserId: t.actor?.userId ?? null,
    actorLabel: t.actor?.label ?? null,
  });
  await t.audit({ action: 'user.type_changed', resourceType: 'user', resourceId: t.userId, details: { from: t.from, to: t.to, source: t.source, reason: t.reason } });
  // A plan the new type may not have ends with the change (signed -> unsigned, with the reason).
  if (!up) await endIneligibleSubscriptions(tx, { tenantId: t.tenantId, userId: t.userId, type: t.to, actor: t.actor ?? { userId: null, label: 'system' }, audit: t.audit });
  return true;
}

export type TransitionOption = { to: UserType; allowed: boolean; why: string | null };

/** The neighbours an admin may move a user to, with why a blocked one is blocked. */
export function transitionOptions(type: UserType, identityVerified: boolean): TransitionOption[] {
  const i = ladder.indexOf(type);
  if (i < 0) return [];
  const out: TransitionOption[] = [];
  if (i > 0) out.push({ to: ladder[i - 1]!, allowed: true, why: null });
  if (i < ladder.length - 1) {
    const to = ladder[i + 1]!;
    const blocked = type === 'guest' && !identityVerified;
    out.push({ to, allowed: !blocked, why: blocked ? 'A guest becomes basic by verifying their identity (KYC); there is no verified, unexpired identity check on file.' : null });
  }
  return out;
}

async function identityVerified(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: kycSubmissions.id })
    .from(kycSubmissions)
    .where(
      and(
        eq(kycSubmissions.tenantId, tenantId),
        eq(kycSubmissions.userId, userId),
        eq(kycSubmissions.kind, 'identity'),
        eq(kycSubmissions.status, 'verified'),
        sql`(${kycSubmissions.documentExpiresOn} is null or ${kycSubmissions.documentExpiresOn} > current_date)`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The user page's type panel: current type, the allowed and blocked moves, and the timeline. */
export async function getTypeOverview(ctx: RequestContext, { id }: { id: string }): Promise<{ type: UserType; options: TransitionOption[]; history: TypeHistoryDto[] }> {
  assertCan(ctx, 'users.read');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [user] = await tx.select({ type: users.type }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    if (!user) throw notFound('User');
    const history = await readHistory(tx, tenantId, id);
    await auditLinkRead(tx, ctx, { action: 'users.type_history.read', resourceType: 'user', resourceId: id });
    return { type: user.type, options: transitionOptions(user.type, await identityVerified(tx, tenantId, id)), history };
  });
}

export async function getTypeHistory(ctx: RequestContext, { id }: { id: string }): Promise<TypeHistoryDto[]> {
  return (await getTypeOverview(ctx, { id })).history;
}

async function readHistory(tx: Tx, tenantId: string, userId: string): Promise<TypeHistoryDto[]> {
  const rows = await tx
    .select()
    .from(userTypeHistory)
    .where(and(eq(userTypeHistory.tenantId, tenantId), eq(userTypeHistory.userId, userId)))
    .orderBy(desc(userTypeHistory.createdAt), desc(userTypeHistory.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    fromType: r.fromType,
    toType: r.toType,
    source: r.source as TypeHistoryDto['source'],
    reason: r.reason,
    actor: r.actorLabel,
    at: r.createdAt.toISOString(),
  }));
}

/**
 * An admin moves a user one step on the ladder, with a reason (users.write). Through a link a
 * partner changes subscribers only, never staff; up from guest needs a verified identity.
 */
export async function changeUserType(ctx: RequestContext, input: { id: string } & TypeChangeInput): Promise<{ type: UserType; history: TypeHistoryDto[] }> {
  assertCan(ctx, 'users.write');
  const { to, reason } = typeChangeSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [user] = await tx
      .select({ type: users.type, email: users.email })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, input.id)))
      .for('update');
    if (!user) throw notFound('User');
    if (user.type === 'admin') throw new AppError('CONFLICT', 'Staff accounts have no end-user type to change.', { fieldErrors: { to: ['Staff accounts have no end-user type.'] } });
    const option = transitionOptions(user.type, await identityVerified(tx, tenantId, input.id)).find((o) => o.to === to);
    if (!option) {
      const message = `${userTypeLabels[user.type]} can move only to a neighbouring type (${transitionOptions(user.type, true).map((o) => userTypeLabels[o.to]).join(' or ')}).`;
      throw new AppError('VALIDATION_ERROR', message, { fieldErrors: { to: [message] } });
    }
    if (!option.allowed) throw new AppError('CONFLICT', option.why!, { fieldErrors: { to: [option.why!] } });
    await transitionUserType(tx, {
      tenantId,
      userId: input.id,
      from: user.type,
      to,
      source: 'admin',
      reason,
      actor: { userId: ctx.user.id, label: ctx.via === 'link' ? `${actorLabelOf(ctx)} (${ctx.homeTenant.name})` : actorLabelOf(ctx) },
      audit: (e) => recordAudit(tx, ctx, e),
    });
    await notifyUser(tx, {
      tenantId,
      userId: input.id,
      kind: 'type_changed',
      title: `Your account is now ${userTypeLabels[to]}`,
      body: `An administrator changed your account from ${userTypeLabels[user.type]} to ${userTypeLabels[to]}: ${reason}`,
      mailTo: user.email,
      tenantName: ctx.activeTenant.name,
    });
    return { type: to, history: await readHistory(tx, tenantId, input.id) };
  });
}

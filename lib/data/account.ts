import 'server-only';
import { and, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { categoryOf } from '@/lib/config/notifications';
import { kycSubmissions, notifications, passwordTokens, sessions, upgradeRequests, users } from '@/db/schema';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { hashToken, newToken } from '@/lib/auth/tokens';
import { AppError, notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { changePasswordSchema, markNotificationsSchema, profileSchema, type AccountDto, type ChangePasswordInput, type ProfileInput, type UsageDto } from '@/lib/validation/account';
import { recordAuditIn } from './audit';
import { queueMail } from './internal/notify';
import { usageWindows } from './internal/usage';
import { describeKyc } from './kyc';
import { upgradePath } from './upgrades';
import { withHomeTenant, type Tx } from './tx';

// My account: the signed-in user's own profile, usage, KYC state and notices, always in their
// home tenant, whichever tenant they act in.

export const VERIFY_EMAIL_HOURS = 24;

/** How much of their quota a user has used, and, when idle, until when and why. */
async function readUsage(tx: Tx, ctx: RequestContext, status: string): Promise<UsageDto> {
  const { opsPerDay, opsPerWeek, breachAction } = ctx.policy;
  const { day, week, dayFreesAt, weekFreesAt } = await usageWindows(tx, ctx.homeTenant.id, ctx.user.id);
  const overDay = opsPerDay !== null && day >= opsPerDay;
  const overWeek = opsPerWeek !== null && week >= opsPerWeek;
  const idleBecause = status === 'idle' ? (overWeek ? 'week' : overDay ? 'day' : null) : null;
  const frees = idleBecause === 'week' ? weekFreesAt : idleBecause === 'day' ? dayFreesAt : null;
  return { opsPerDay, opsPerWeek, usedToday: day, usedThisWeek: week, breachAction, idleUntil: frees ? frees.toISOString() : null, idleBecause };
}

export async function getAccount(ctx: RequestContext): Promise<AccountDto> {
  assertCan(ctx, 'account.read');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const [me] = await tx
      .select({ id: users.id, name: users.name, email: users.email, customerNumber: users.customerNumber, type: users.type, status: users.status, emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, ctx.user.id)));
    if (!me) throw notFound('User');
    const [identity] = await tx
      .select({ status: kycSubmissions.status, documentExpiresOn: kycSubmissions.documentExpiresOn })
      .from(kycSubmissions)
      .where(and(eq(kycSubmissions.tenantId, tenantId), eq(kycSubmissions.userId, me.id), eq(kycSubmissions.kind, 'identity')))
      .orderBy(desc(kycSubmissions.createdAt))
      .limit(1);
    const [pendingEmail] = await tx
      .select({ newEmail: passwordTokens.newEmail })
      .from(passwordTokens)
      .where(and(eq(passwordTokens.tenantId, tenantId), eq(passwordTokens.userId, me.id), eq(passwordTokens.purpose, 'change_email'), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, sql`now()`)))
      .orderBy(desc(passwordTokens.createdAt))
      .limit(1);
    const [pending] = await tx
      .select()
      .from(upgradeRequests)
      .where(and(eq(upgradeRequests.tenantId, tenantId), eq(upgradeRequests.userId, me.id), eq(upgradeRequests.status, 'pending')));
    const notes = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, me.id)))
      .orderBy(desc(notifications.createdAt))
      .limit(10);
    const path = await upgradePath(tx, tenantId, me.type);
    return {
      id: me.id,
      name: me.name,
      email: me.email,
      customerNumber: me.customerNumber ?? '',
      type: me.type,
      status: me.status,
      emailVerified: me.emailVerifiedAt !== null,
      pendingEmail: pendingEmail?.newEmail ?? null,
      usage: await readUsage(tx, ctx, me.status),
      kyc: { ...describeKyc(me.type, identity ?? null), documentExpiresOn: identity?.status === 'verified' ? (identity.documentExpiresOn ?? null) : null },
      upgrade: {
        ...path,
        pending: pending
          ? { id: pending.id, user: { id: me.id, name: me.name, email: me.email }, fromType: pending.fromType, toType: pending.toType, policy: pending.policy, status: pending.status, submissionId: pending.submissionId, createdAt: pending.createdAt.toISOString() }
          : null,
      },
      notifications: notes.map((n) => ({ id: n.id, kind: n.kind, category: categoryOf(n.kind), title: n.title, body: n.body, href: n.href, at: n.createdAt.toISOString(), read: n.readAt !== null })),
    };
  });
}

/**
 * Name and email (account.write). A new email is not taken until its owner confirms it: a
 * one-time link goes to the new address, and the old one is told.
 */
export async function updateProfile(ctx: RequestContext, input: ProfileInput): Promise<{ name: string; email: string; pendingEmail: string | null }> {
  assertCan(ctx, 'account.write');
  const { name, email } = profileSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const [me] = await tx.update(users).set({ name, updatedAt: sql`now()` }).where(and(eq(users.tenantId, tenantId), eq(users.id, ctx.user.id))).returning({ email: users.email });
    if (!me) throw notFound('User');
    let pendingEmail: string | null = null;
    if (email.toLowerCase() !== me.email.toLowerCase()) {
      const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = ${email.toLowerCase()}`, ne(users.id, ctx.user.id)));
      // The same answer whether or not the address is taken: the confirmation decides.
      const token = newToken();
      if (!taken) {
        await tx.insert(passwordTokens).values({ tenantId, userId: ctx.user.id, tokenHash: hashToken(token), purpose: 'change_email', newEmail: email, expiresAt: sql`now() + make_interval(hours => ${VERIFY_EMAIL_HOURS})` });
        await queueMail(tx, { tenantId, to: email, subject: `${ctx.homeTenant.name}: confirm your new email`, body: `Confirm this address for your ${ctx.homeTenant.name} account within ${VERIFY_EMAIL_HOURS} hours: /t/${ctx.homeTenant.slug}/verify-email?token=${token}` });
      }
      await queueMail(tx, { tenantId, to: me.email, subject: `${ctx.homeTenant.name}: email change requested`, body: `Someone asked to change the email of your ${ctx.homeTenant.name} account to ${email}. If it was not you, change your password now.` });
      pendingEmail = email;
    }
    await recordAuditIn(tx, ctx, tenantId, { action: 'account.profile_updated', resourceType: 'user', resourceId: ctx.user.id, details: { name, emailChangeRequested: pendingEmail !== null } });
    return { name, email: me.email, pendingEmail };
  });
}

/** Changes the password (account.sessions.manage) and ends every other session of the user. */
export async function changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<{ endedSessions: number }> {
  assertCan(ctx, 'account.sessions.manage');
  const { current, password } = changePasswordSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  const [me] = await withHomeTenant(ctx, (tx) => tx.select({ hash: users.passwordHash }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, ctx.user.id))));
  if (!(await verifyPassword(me?.hash ?? null, current))) {
    throw new AppError('VALIDATION_ERROR', 'Your current password is not right.', { fieldErrors: { current: ['This is not your current password.'] } });
  }
  const hash = await hashPassword(password);
  return withHomeTenant(ctx, async (tx) => {
    await tx.update(users).set({ passwordHash: hash, updatedAt: sql`now()` }).where(and(eq(users.tenantId, tenantId), eq(users.id, ctx.user.id)));
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: 'password_changed' })
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, ctx.user.id), isNull(sessions.revokedAt), ne(sessions.id, ctx.sessionId)))
      .returning({ id: sessions.id });
    await recordAuditIn(tx, ctx, tenantId, { action: 'account.password_changed', resourceType: 'user', resourceId: ctx.user.id, details: { endedSessions: ended.length } });
    await queueMail(tx, { tenantId, to: ctx.user.email, subject: `${ctx.homeTenant.name}: your password was changed`, body: `The password of your ${ctx.homeTenant.name} account was changed and your other sessions were ended. If it was not you, contact support.` });
    return { endedSessions: ended.length };
  });
}

/** A fresh confirmation link for a sign-up that has not confirmed its address (account.write). */
export async function resendVerification(ctx: RequestContext): Promise<{ sent: boolean }> {
  assertCan(ctx, 'account.write');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const [me] = await tx.select({ email: users.email, verified: users.emailVerifiedAt }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, ctx.user.id)));
    if (!me || me.verified) return { sent: false };
    await issueVerification(tx, { tenantId, userId: ctx.user.id, email: me.email, tenantName: ctx.homeTenant.name, slug: ctx.homeTenant.slug });
    return { sent: true };
  });
}

/** A one-time address confirmation (24 hours), in the outbox; earlier unused links stop working. */
export async function issueVerification(tx: Tx, a: { tenantId: string; userId: string; email: string; tenantName: string; slug: string }): Promise<void> {
  await tx
    .update(passwordTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordTokens.tenantId, a.tenantId), eq(passwordTokens.userId, a.userId), eq(passwordTokens.purpose, 'verify_email'), isNull(passwordTokens.usedAt)));
  const token = newToken();
  await tx.insert(passwordTokens).values({ tenantId: a.tenantId, userId: a.userId, tokenHash: hashToken(token), purpose: 'verify_email', expiresAt: sql`now() + make_interval(hours => ${VERIFY_EMAIL_HOURS})` });
  await queueMail(tx, {
    tenantId: a.tenantId,
    to: a.email,
    subject: `${a.tenantName}: confirm your email`,
    body: `Welcome to ${a.tenantName}. Confirm your email within ${VERIFY_EMAIL_HOURS} hours to use your account: /t/${a.slug}/verify-email?token=${token}`,
  });
}

export async function markNotificationsRead(ctx: RequestContext, input: z.input<typeof markNotificationsSchema> = {}): Promise<{ marked: number }> {
  assertCan(ctx, 'account.read');
  const { ids } = markNotificationsSchema.parse(input);
  return withHomeTenant(ctx, async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(notifications.tenantId, ctx.homeTenant.id),
          eq(notifications.userId, ctx.user.id),
          isNull(notifications.readAt),
          ids ? inArray(notifications.id, ids.length > 0 ? ids : ['00000000-0000-0000-0000-000000000000']) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    return { marked: rows.length };
  });
}

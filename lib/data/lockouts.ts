import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { LockedAccountDto } from '@/lib/validation/users';
import type { RequestContext, RequestMeta } from '@/lib/tenancy/context';
import { auditLinkRead, recordAudit } from './audit';
import { clearLockout, lockedAccounts } from './internal/sign-in';
import { unsafeRedeemToken } from './internal/password-tokens';
import { withTenant } from './tx';

// Sign-in lockouts (5 failures in 15 minutes lock an account): the owner unlocks by the mailed
// link, an admin from the Users page. The counters are platform state; who may see and clear
// a tenant's is decided here.

export type { LockedAccountDto };

/** The active tenant's accounts locked now (users.read). */
export async function listLockedAccounts(ctx: RequestContext): Promise<LockedAccountDto[]> {
  assertCan(ctx, 'users.read');
  const tenantId = ctx.activeTenant.id;
  const locked = await lockedAccounts(tenantId);
  if (locked.length === 0) return [];
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), inArray(sql`lower(${users.email})`, locked.map((l) => l.email))));
    await auditLinkRead(tx, ctx, { action: 'users.locked.list', resourceType: 'user', details: { count: rows.length } });
    return rows.map((u) => {
      const l = locked.find((x) => x.email === u.email.toLowerCase())!;
      return { ...u, attempts: l.attempts, lockedUntil: l.until.toISOString() };
    });
  });
}

/** An admin unlocks one account (users.write); through a link, never a staff account. */
export async function unlockAccount(ctx: RequestContext, { id }: { id: string }): Promise<{ unlocked: boolean }> {
  assertCan(ctx, 'users.write');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [user] = await tx.select({ email: users.email, type: users.type }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    if (!user) throw notFound('User');
    if (ctx.via === 'link' && user.type === 'admin') throw new AppError('FORBIDDEN', "Staff accounts are managed by the tenant's own admins.", { permission: 'users.write' });
    const unlocked = await clearLockout(tx, tenantId, user.email);
    await recordAudit(tx, ctx, { action: 'auth.unlocked', resourceType: 'user', resourceId: id, details: { by: 'admin', wasLocked: unlocked } });
    return { unlocked };
  });
}

/** The owner's mailed link: one use, an hour. Unknown, used and expired links fail alike. */
export async function unsafeUnlockWithToken(input: { tenant: string; token: string }, meta: RequestMeta): Promise<boolean> {
  const done = await unsafeRedeemToken(input, ['unlock'], meta, async (tx, used, tenantId, audit) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, used.userId)));
    if (!user) return false;
    await clearLockout(tx, tenantId, user.email);
    await audit('auth.unlocked', user.email, { by: 'owner' });
    return true;
  });
  return done === true;
}

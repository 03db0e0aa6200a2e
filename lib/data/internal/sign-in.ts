import 'server-only';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { authFailures, passwordTokens, sessions, tenantPolicies, tenants, users } from '@/db/schema';
import { ABSOLUTE_SESSION_HOURS, effectivePolicy } from '@/lib/config/policies';
import { verifyPassword } from '@/lib/auth/password';
import { hashToken, newToken } from '@/lib/auth/tokens';
import { queueMail } from './notify';
import type { RequestMeta } from '@/lib/tenancy/context';
import { recordTenantAudit } from '../audit';
import { hasSecondFactor, checkSecondFactor } from '../mfa';
import { appDb } from '../db';
import { inTenantScope, type Tx } from '../tx';

// Unscoped by design: sign-in happens before there is a context. It proves the tenant, the
// account and the password, and only then opens a session inside that tenant.

export const LOCKOUT_ATTEMPTS = 5;
export const IP_ATTEMPTS = 30;
const WINDOW = sql`now() - interval '15 minutes'`;
/** A tenant id no tenant has: the scope of the lookup when the named tenant does not exist. */
const NO_TENANT = '00000000-0000-0000-0000-000000000000';

export type SignInResult =
  | { ok: true; sessionId: string; userId: string; tenantId: string; tenantSlug: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'throttled' | 'mfa_required' };


async function failures(key: string): Promise<number> {
  const [row] = await appDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(authFailures)
    .where(and(eq(authFailures.key, key), gt(authFailures.at, WINDOW)));
  return row?.n ?? 0;
}

/**
 * Proves the tenant, the account and the password, and, for an account with a second factor,
 * the code (`mfa_required` asks for it: the password was right). A wrong code counts as a failed
 * sign-in, so the lockout covers both steps.
 */
export async function signIn(
  input: { tenantSlug: string; email: string; password: string; code?: string },
  meta: RequestMeta,
): Promise<SignInResult> {
  const ipKey = `ip:${meta.ip ?? 'unknown'}`;
  if ((await failures(ipKey)) >= IP_ATTEMPTS) return { ok: false, reason: 'throttled' };

  const email = input.email.trim().toLowerCase();
  const [tenant] = await appDb()
    .select({ id: tenants.id, slug: tenants.slug, status: tenants.status })
    .from(tenants)
    .where(eq(tenants.slug, input.tenantSlug.trim().toLowerCase()));
  const tenantId = tenant?.status === 'active' ? tenant.id : null;
  const acctKey = accountKey(tenantId ?? 'none', email);
  const locked = (await failures(acctKey)) >= LOCKOUT_ATTEMPTS;

  // The account lookup runs whether or not the tenant exists (in no tenant's scope it finds
  // nothing), so an unknown tenant, an unknown email and a wrong password do the same work.
  const scope = tenantId ?? NO_TENANT;
  const found = await inTenantScope({ tenantId: scope }, async (tx) => {
    const [u] = await tx
      .select({ id: users.id, type: users.type, status: users.status, passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.tenantId, scope), sql`lower(${users.email}) = ${email}`));
    return u ?? null;
  });
  const user = tenantId ? found : null;
  // Always spend the hashing time, whatever failed first.
  const passwordOk = await verifyPassword(locked ? null : (user?.passwordHash ?? null), input.password);

  if (!tenantId || !user || !passwordOk || locked || user.status === 'inactive') {
    if (!locked) await recordFailure(ipKey, acctKey, tenantId, user?.id ?? null, meta);
    return { ok: false, reason: locked ? 'locked' : 'invalid' };
  }

  const code = input.code?.trim() ?? '';
  const session = await inTenantScope({ tenantId, userId: user.id }, async (tx) => {
    // With a code, one read checks it (no factor: 'none', and the code is not needed); without
    // one, whether a factor asks for it.
    if (code) {
      if ((await checkSecondFactor(tx, tenantId, user.id, code)) === 'wrong') return 'wrong_code' as const;
    } else if (await hasSecondFactor(tx, tenantId, user.id)) return 'mfa_required' as const;
    await tx.delete(authFailures).where(eq(authFailures.key, acctKey));
    const [stored] = await tx
      .select()
      .from(tenantPolicies)
      .where(and(eq(tenantPolicies.tenantId, tenantId), eq(tenantPolicies.userType, user.type)));
    const policy = effectivePolicy(user.type, stored);
    const lifetime = policy.fixedLifetimeMinutes
      ? sql`now() + make_interval(mins => ${policy.fixedLifetimeMinutes})`
      : sql`now() + make_interval(hours => ${ABSOLUTE_SESSION_HOURS})`;
    const [s] = await tx
      .insert(sessions)
      .values({ tenantId, userId: user.id, expiresAt: lifetime, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 400) ?? null })
      .returning({ id: sessions.id });
    if (policy.maxConcurrentSessions !== null) await endSessionsPastCap(tx, tenantId, user.id, policy.maxConcurrentSessions);
    await recordTenantAudit(tx, {
      tenantId,
      actorUserId: user.id,
      actorTenantId: tenantId,
      actorLabel: email,
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      action: 'auth.sign_in',
      resourceType: 'session',
      resourceId: s!.id,
      ...(code ? { details: { secondFactor: true } } : {}),
    });
    return s!.id;
  });
  if (session === 'mfa_required') return { ok: false, reason: 'mfa_required' };
  if (session === 'wrong_code') {
    await recordFailure(ipKey, acctKey, tenantId, user.id, meta, 'code');
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, sessionId: session, userId: user.id, tenantId, tenantSlug: tenant!.slug };
}

/** Past the tenant's cap the newest sign-in wins: the oldest live sessions end. */
async function endSessionsPastCap(tx: Tx, tenantId: string, userId: string, cap: number): Promise<void> {
  // Serialises concurrent sign-ins of one user, so two of them cannot both stay under the cap.
  await tx.execute(sql`select 1 from users where tenant_id = ${tenantId} and id = ${userId} for update`);
  await tx.execute(sql`
    update sessions set revoked_at = now(), revoked_reason = 'concurrent_limit'
    where tenant_id = ${tenantId} and user_id = ${userId} and revoked_at is null and expires_at > now()
      and id not in (
        select id from sessions
        where tenant_id = ${tenantId} and user_id = ${userId} and revoked_at is null and expires_at > now()
        order by created_at desc, id desc limit ${cap})`);
}

async function recordFailure(ipKey: string, acctKey: string, tenantId: string | null, userId: string | null, meta: RequestMeta, wrong: 'password' | 'code' = 'password') {
  await appDb().transaction(async (tx) => {
    await tx.delete(authFailures).where(and(eq(authFailures.key, acctKey), lt(authFailures.at, WINDOW)));
    await tx.insert(authFailures).values([{ key: ipKey }, { key: acctKey }]);
  });
  // Counted for every failure (known account or not), so both paths do the same work; the
  // attempt that reaches the limit locks the account: audit it once, in the tenant, and mail the
  // owner a one-time link that unlocks it at once (anyone can lock an account; only its owner
  // reads its mail).
  const attempts = await failures(acctKey);
  if (!tenantId || !userId || attempts !== LOCKOUT_ATTEMPTS) return;
  await inTenantScope({ tenantId }, async (tx) => {
    const [owner] = await tx
      .select({ email: users.email, slug: tenants.slug, name: tenants.name })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    if (owner) {
      const token = newToken();
      await tx.insert(passwordTokens).values({ tenantId, userId, tokenHash: hashToken(token), purpose: 'unlock', expiresAt: sql`now() + interval '1 hour'` });
      await queueMail(tx, {
        tenantId,
        to: owner.email,
        subject: `${owner.name}: your account was locked`,
        body:
          wrong === 'code'
            ? `Someone entered your password correctly but a wrong two-factor code for your ${owner.name} account, and signing in is now blocked for 15 minutes. If it was you, unlock it now (the link works once, for an hour): /t/${owner.slug}/unlock?token=${token}\n\nIf it was not you, someone knows your password: change it as soon as you are in.`
            : `Someone entered a wrong password for your ${owner.name} account ${LOCKOUT_ATTEMPTS} times, so signing in is blocked for 15 minutes. If it was you, unlock it now (the link works once, for an hour): /t/${owner.slug}/unlock?token=${token}\n\nIf it was not you, your password held; you may want to change it once you are in.`,
      });
    }
    await recordTenantAudit(tx, {
      tenantId,
      actorUserId: null,
      actorTenantId: null,
      via: 'system',
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      action: 'auth.lockout',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'denied',
      details: { attempts: LOCKOUT_ATTEMPTS, windowMinutes: 15 },
    });
  });
}

/** The failure-counter key of an account: what locks it, and what unlocking clears. */
export const accountKey = (tenantId: string, email: string) => `acct:${tenantId}:${email.trim().toLowerCase()}`;

/** Unlocks an account (its failures cleared); true when it was locked. The caller audits who did it. */
export async function clearLockout(tx: Tx, tenantId: string, email: string): Promise<boolean> {
  const cleared = await tx
    .delete(authFailures)
    .where(and(eq(authFailures.key, accountKey(tenantId, email)), gt(authFailures.at, WINDOW)))
    .returning({ id: authFailures.id });
  await tx.delete(authFailures).where(eq(authFailures.key, accountKey(tenantId, email)));
  return cleared.length >= LOCKOUT_ATTEMPTS;
}

/** The accounts of a tenant that are locked now, with when each lock lifts. */
export async function lockedAccounts(tenantId: string): Promise<{ email: string; attempts: number; until: Date }[]> {
  const prefix = `acct:${tenantId}:`;
  const rows = await appDb()
    .select({ key: authFailures.key, attempts: sql<number>`count(*)::int`, until: sql<string>`min(${authFailures.at}) + interval '15 minutes'` })
    .from(authFailures)
    .where(and(sql`starts_with(${authFailures.key}, ${prefix})`, gt(authFailures.at, WINDOW)))
    .groupBy(authFailures.key)
    .having(sql`count(*) >= ${LOCKOUT_ATTEMPTS}`);
  return rows.map((r) => ({ email: r.key.slice(prefix.length), attempts: r.attempts, until: new Date(r.until) }));
}

/** Ends a session by its claims (sign-out). Idempotent. */
export async function endSession(claims: { sessionId: string; userId: string; tenantId: string }, meta: RequestMeta) {
  await inTenantScope({ tenantId: claims.tenantId, userId: claims.userId }, async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: 'sign_out' })
      .where(
        and(
          eq(sessions.tenantId, claims.tenantId),
          eq(sessions.id, claims.sessionId),
          eq(sessions.userId, claims.userId),
          sql`${sessions.revokedAt} is null`,
        ),
      )
      .returning({ id: sessions.id });
    if (ended.length === 0) return;
    await recordTenantAudit(tx, {
      tenantId: claims.tenantId,
      actorUserId: claims.userId,
      actorTenantId: claims.tenantId,
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      action: 'auth.sign_out',
      resourceType: 'session',
      resourceId: claims.sessionId,
    });
  });
}

import 'server-only';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { mailOutbox, passwordTokens, tenants, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { hashToken, newToken } from '@/lib/auth/tokens';
import type { RequestMeta } from '@/lib/tenancy/context';
import { recordTenantAudit } from '../audit';
import { appDb } from '../db';
import { inTenantScope, type Tx } from '../tx';

// Unscoped by design: the holder of a one-time link has no session yet. The token proves it.

/** Sets a password with a one-time token. Unknown, used and expired tokens fail alike. */
export async function unsafeConsumePasswordToken(
  input: { tenantSlug: string; token: string; password: string },
  meta: RequestMeta,
): Promise<boolean> {
  // Hashed before the transaction (argon2 takes a while), whether or not the link is good.
  const passwordHash = await hashPassword(input.password);
  const done = await unsafeRedeemToken({ tenant: input.tenantSlug, token: input.token }, ['set_password'], meta, async (tx, used, tenantId, audit) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, used.userId)))
      .returning({ email: users.email });
    await audit('auth.password_set', user?.email ?? null);
    return true;
  });
  return done === true;
}

type Redeemed = { userId: string; purpose: string; newEmail: string | null };

/**
 * The one way a one-time link is used: the named tenant must be active, and in its scope the
 * token of one of the purposes is used up (at most once, before it expires) and `fn` runs in the
 * same transaction, with an audit writer whose actor is the link's holder. Null when the tenant
 * or the token is not good: unknown, used, expired and wrong-purpose links fail alike.
 */
export async function unsafeRedeemToken<T>(
  input: { tenant: string; token: string },
  purposes: readonly TokenPurpose[],
  meta: RequestMeta,
  fn: (tx: Tx, used: Redeemed, tenantId: string, audit: (action: string, actorLabel: string | null, details?: Record<string, unknown>) => Promise<void>) => Promise<T>,
): Promise<T | null> {
  const [tenant] = await appDb()
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.slug, input.tenant), eq(tenants.status, 'active')));
  if (!tenant) return null;
  const tenantId = tenant.id;
  return inTenantScope({ tenantId }, async (tx) => {
    const used = await consumeOneTimeToken(tx, tenantId, input.token, purposes);
    if (!used) return null;
    const audit = (action: string, actorLabel: string | null, details?: Record<string, unknown>) =>
      recordTenantAudit(tx, {
        tenantId,
        actorUserId: used.userId,
        actorTenantId: tenantId,
        actorLabel,
        requestId: meta.requestId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        action,
        resourceType: 'user',
        resourceId: used.userId,
        details,
      });
    return fn(tx, used, tenantId, audit);
  });
}

export type TokenPurpose = 'set_password' | 'verify_email' | 'change_email' | 'unlock';

/**
 * Uses a one-time token of one of the purposes, in the tenant's scope: at most once, and only
 * before it expires. Unknown, used, expired and wrong-purpose tokens all answer null.
 */
async function consumeOneTimeToken(tx: Tx, tenantId: string, token: string, purposes: readonly TokenPurpose[]) {
  const [used] = await tx
    .update(passwordTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(passwordTokens.tenantId, tenantId),
        eq(passwordTokens.tokenHash, hashToken(token)),
        inArray(passwordTokens.purpose, [...purposes]),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: passwordTokens.userId, purpose: passwordTokens.purpose, newEmail: passwordTokens.newEmail });
  return used ?? null;
}

/**
 * Mails each person a one-time set-password link (their earlier unused ones stop working), in
 * the caller's transaction: a rolled-back change mails nobody. Only the token's hash is stored.
 * Returns each person's link path, in order (the registry shows its first admin's once).
 */
export async function mailPasswordLinks(
  tx: Tx,
  tenant: { id: string; slug: string },
  people: readonly { id: string; email: string }[],
  mail: { days: number; subject: string; intro: string },
): Promise<string[]> {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  await tx
    .update(passwordTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordTokens.tenantId, tenant.id), inArray(passwordTokens.userId, ids), eq(passwordTokens.purpose, 'set_password'), isNull(passwordTokens.usedAt)));
  const links = people.map((p) => {
    const token = newToken();
    return { ...p, token, path: `/t/${tenant.slug}/set-password?token=${token}` };
  });
  await tx.insert(passwordTokens).values(
    links.map((l) => ({ tenantId: tenant.id, userId: l.id, tokenHash: hashToken(l.token), expiresAt: sql`now() + make_interval(days => ${mail.days})` })),
  );
  await tx.insert(mailOutbox).values(
    links.map((l) => ({
      tenantId: tenant.id,
      toAddress: l.email,
      subject: mail.subject,
      body: `${mail.intro} Choose your password within ${mail.days} days: ${l.path}\n\nAfterwards, sign in at /t/${tenant.slug}/login with this address.`,
    })),
  );
  return links.map((l) => l.path);
}

import 'server-only';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { passwordTokens, tenants, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { hashToken } from '@/lib/auth/tokens';
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
  const [tenant] = await appDb()
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.slug, input.tenantSlug), eq(tenants.status, 'active')));
  if (!tenant) return false;
  const passwordHash = await hashPassword(input.password);
  return inTenantScope({ tenantId: tenant.id }, async (tx) => {
    const used = await consumeOneTimeToken(tx, tenant.id, input.token, ['set_password']);
    if (!used) return false;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(and(eq(users.tenantId, tenant.id), eq(users.id, used.userId)))
      .returning({ email: users.email });
    await recordTenantAudit(tx, {
      tenantId: tenant.id,
      actorUserId: used.userId,
      actorTenantId: tenant.id,
      actorLabel: user?.email ?? null,
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      action: 'auth.password_set',
      resourceType: 'user',
      resourceId: used.userId,
    });
    return true;
  });
}

export type TokenPurpose = 'set_password' | 'verify_email' | 'change_email' | 'unlock';

/**
 * Uses a one-time token of one of the purposes, in the tenant's scope: at most once, and only
 * before it expires. Unknown, used, expired and wrong-purpose tokens all answer null.
 */
export async function consumeOneTimeToken(tx: Tx, tenantId: string, token: string, purposes: readonly TokenPurpose[]) {
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

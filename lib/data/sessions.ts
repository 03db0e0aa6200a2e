import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { sessions } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { recordAuditIn } from './audit';
import { withHomeTenant } from './tx';

export type SessionDto = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
  active: boolean;
};

// Sessions belong to the signed-in user's home account, whichever tenant they act in.

export async function listMySessions(ctx: RequestContext): Promise<SessionDto[]> {
  assertCan(ctx, 'account.sessions.manage');
  return withHomeTenant(ctx, async (tx) => {
    const rows = await tx
      .select({
        id: sessions.id,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        ip: sql<string | null>`host(${sessions.ip})`,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(and(eq(sessions.tenantId, ctx.homeTenant.id), eq(sessions.userId, ctx.user.id)))
      .orderBy(desc(sessions.createdAt))
      .limit(50);
    const now = Date.now();
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === ctx.sessionId,
      active: !s.revokedAt && s.expiresAt.getTime() > now,
    }));
  });
}

/** Revokes one of the user's own sessions; it fails on its very next request. */
export async function revokeMySession(ctx: RequestContext, { id }: { id: string }): Promise<void> {
  assertCan(ctx, 'account.sessions.manage');
  await withHomeTenant(ctx, async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: 'revoked_by_user' })
      .where(
        and(
          eq(sessions.tenantId, ctx.homeTenant.id),
          eq(sessions.userId, ctx.user.id),
          eq(sessions.id, id),
          isNull(sessions.revokedAt),
        ),
      )
      .returning({ id: sessions.id });
    if (revoked.length === 0) throw notFound('Session');
    await recordAuditIn(tx, ctx, ctx.homeTenant.id, { action: 'session.revoke', resourceType: 'session', resourceId: id });
  });
}

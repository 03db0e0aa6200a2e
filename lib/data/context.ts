import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { sessions, tenants, users } from '@/db/schema';
import { AppError, unauthorized } from '@/lib/errors';
import { effectivePermissions } from '@/lib/rbac';
import type { LinkAccessRole } from '@/lib/rbac/link-roles';
import { linkState, type RequestContext, type RequestMeta, type TenantRef } from '@/lib/tenancy/context';
import { effectivePolicy, type SessionPolicy } from '@/lib/config/policies';
import { defaultRateLimits, type RateLimits } from '@/lib/config/rate-limits';
import { recordTenantAudit } from './audit';
import { inTenantScope, type Tx } from './tx';

/** last_seen_at is written at most this often; inactivity is measured to within it. */
const TOUCH_AFTER_SECONDS = 30;

export type AuthClaims = { sessionId: string; userId: string; tenantId: string };
export type TargetTenant = { id: string } | { slug: string } | null;

const claimsSchema = z.object({ sessionId: z.uuid(), userId: z.uuid(), tenantId: z.uuid() });

/**
 * Builds the request context: the session is checked against the database on every request, and
 * a managed tenant is reachable only through a live link, re-checked every time. Two queries.
 */
export async function resolveContext(
  claims: AuthClaims,
  target: TargetTenant,
  meta: RequestMeta,
): Promise<RequestContext> {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw unauthorized();
  const { sessionId, userId, tenantId } = parsed.data;

  const result = await inTenantScope({ tenantId, userId }, async (tx): Promise<RequestContext | { endedAfterMinutes: number }> => {
    const [row] = await tx
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        type: users.type,
        status: users.status,
        tenantId: tenants.id,
        slug: tenants.slug,
        tenantName: tenants.name,
        isPlatform: tenants.isPlatform,
        tenantStatus: tenants.status,
        permissions: sql<string[]>`array(
          select distinct rp.permission from user_roles ur
          join role_permissions rp on rp.tenant_id = ur.tenant_id and rp.role_id = ur.role_id
          where ur.tenant_id = ${tenantId} and ur.user_id = ${userId})`,
        idleSeconds: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8`,
        policy: sql<Partial<SessionPolicy> | null>`(select json_build_object(
          'inactivityTimeoutMinutes', p.inactivity_timeout_minutes, 'opsPerDay', p.ops_per_day,
          'opsPerWeek', p.ops_per_week, 'breachAction', p.breach_action,
          'maxConcurrentSessions', p.max_concurrent_sessions)
          from tenant_policies p where p.tenant_id = ${tenantId} and p.user_type = ${users.type})`,
        rateLimits: sql<RateLimits | null>`(select json_build_object(
          'listPerMinute', r.list_per_minute, 'detailPerMinute', r.detail_per_minute,
          'writePerMinute', r.write_per_minute, 'exportPerHour', r.export_per_hour,
          'linkPerMinute', r.link_per_minute)
          from tenant_rate_limits r where r.tenant_id = ${tenantId})`,
      })
      .from(sessions)
      .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
      .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
      .where(
        and(
          eq(sessions.tenantId, tenantId),
          eq(sessions.id, sessionId),
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`now()`),
        ),
      );
    if (!row || row.tenantStatus !== 'active' || row.status === 'inactive') throw unauthorized();
    const policy = effectivePolicy(row.type, row.policy);
    const timeout = policy.inactivityTimeoutMinutes;
    if (timeout !== null && row.idleSeconds > timeout * 60) {
      await endSessionForInactivity(tx, { tenantId, userId, sessionId, timeout, meta });
      return { endedAfterMinutes: timeout };
    }
    if (row.idleSeconds > TOUCH_AFTER_SECONDS) {
      await tx
        .update(sessions)
        .set({ lastSeenAt: sql`now()` })
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
    }

    const homeTenant: TenantRef = { id: row.tenantId, slug: row.slug, name: row.tenantName, isPlatform: row.isPlatform };
    const homePermissions = new Set(row.permissions);
    const base = {
      ...meta,
      sessionId,
      user: { id: row.userId, email: row.email, name: row.name, type: row.type, status: row.status },
      homeTenant,
      homePermissions,
      policy,
      rateLimits: row.rateLimits ?? defaultRateLimits,
    };
    const isHome = !target || ('id' in target ? target.id === homeTenant.id : target.slug === homeTenant.slug);
    if (isHome) {
      return { ...base, activeTenant: homeTenant, via: 'home', link: null, permissions: effectivePermissions(homePermissions, null) };
    }

    const denied = (message: string) => new AppError('TENANT_ACCESS_DENIED', message);
    const match = 'id' in target ? sql`t.id = ${target.id}` : sql`t.slug = ${target.slug}`;
    const [found] = await tx.execute<TargetRow>(sql`
      select t.id, t.slug, t.name, t.is_platform as "isPlatform", t.status,
        (select json_build_object('id', l.id, 'accessRole', l.access_role, 'customPermissions', l.custom_permissions,
                                  'status', l.status, 'startsAt', l.starts_at, 'endsAt', l.ends_at)
         from partner_tenant_links l
         where l.partner_tenant_id = ${tenantId} and l.managed_tenant_id = t.id and l.status = 'active'
         order by (l.starts_at <= now() and (l.ends_at is null or l.ends_at > now())) desc, l.starts_at desc
         limit 1) as link
      from tenants t where ${match}`);
    if (!found || found.status !== 'active') throw denied('This tenant is not available to you.');
    if (!homePermissions.has('partner.tenants.switch_context')) {
      throw denied('Your roles do not allow acting in other tenants.');
    }
    if (!found.link) throw denied(`Partner does not have access to tenant ${found.id}.`);
    const link = { ...found.link, startsAt: new Date(found.link.startsAt), endsAt: found.link.endsAt ? new Date(found.link.endsAt) : null };
    const state = linkState(link);
    if (state === 'expired') throw new AppError('TENANT_LINK_EXPIRED', 'Partner-tenant link has expired.', { endsAt: link.endsAt });
    if (state !== 'active' && state !== 'expiring') throw denied('The partner-tenant link is not in force yet.');

    return {
      ...base,
      activeTenant: { id: found.id, slug: found.slug, name: found.name, isPlatform: found.isPlatform },
      via: 'link',
      link: { id: link.id, accessRole: link.accessRole, startsAt: link.startsAt, endsAt: link.endsAt },
      permissions: effectivePermissions(homePermissions, link),
    };
  });
  if ('endedAfterMinutes' in result) {
    throw unauthorized(`Your session ended after ${result.endedAfterMinutes} minutes without activity. Sign in again.`);
  }
  return result;
}

/**
 * The inactivity timeout ends the session for good (it is revoked, not just refused), so the
 * sessions page shows why; committed before the request is refused.
 */
async function endSessionForInactivity(
  tx: Tx,
  a: { tenantId: string; userId: string; sessionId: string; timeout: number; meta: RequestMeta },
): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: 'inactivity' })
    .where(and(eq(sessions.tenantId, a.tenantId), eq(sessions.id, a.sessionId)));
  await recordTenantAudit(tx, {
    tenantId: a.tenantId,
    actorUserId: a.userId,
    actorTenantId: a.tenantId,
    via: 'system',
    requestId: a.meta.requestId,
    ip: a.meta.ip,
    userAgent: a.meta.userAgent,
    action: 'auth.session_timeout',
    resourceType: 'session',
    resourceId: a.sessionId,
    details: { inactivityTimeoutMinutes: a.timeout },
  });
}

type TargetRow = TenantRef & { status: 'active' | 'stopped'; link: LinkRow | null };

type LinkRow = {
  id: string;
  accessRole: LinkAccessRole;
  customPermissions: Record<string, boolean>;
  status: 'active';
  startsAt: string;
  endsAt: string | null;
};

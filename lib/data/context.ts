import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { sessions } from '@/db/schema';
import { AppError, unauthorized } from '@/lib/errors';
import { effectivePermissions } from '@/lib/rbac';
import type { LinkAccessRole } from '@/lib/config/enums';
import { actorLabelOf, linkState, type ContextUser, type RequestContext, type RequestMeta, type TenantRef } from '@/lib/tenancy/context';
import { effectivePolicy, withPlanLimits, type PlanLimits, type SessionPolicy } from '@/lib/config/policies';
import { defaultRateLimits, type RateClass, type RateLimits } from '@/lib/config/rate-limits';
import { recordTenantAudit } from './audit';
import { bucketArrays, bucketKeys, bucketStates, type BucketHit, type BucketState } from './internal/rate-limit';
import { appDb } from './db';
import { inTenantScope, type Tx } from './tx';

const UNVERIFIED_PERMISSIONS = new Set<string>(['account.read', 'account.write', 'account.sessions.manage']);

/** last_seen_at is written at most this often; inactivity is measured to within it. */
const TOUCH_AFTER_SECONDS = 30;

export type AuthClaims = { sessionId: string; userId: string; tenantId: string };
export type TargetTenant = { id: string } | { slug: string } | null;

const claimsSchema = z.object({ sessionId: z.uuid(), userId: z.uuid(), tenantId: z.uuid() });

/**
 * Builds the request context: the session is checked against the database on every request, and
 * a managed tenant is reachable only through a live link, re-checked every time. One statement
 * (plus a write when the session's last_seen_at is 30 s old, or its inactivity timeout passed).
 */
export async function resolveContext(claims: AuthClaims, target: TargetTenant, meta: RequestMeta): Promise<RequestContext> {
  return (await resolve(claims, target, meta, null)).ctx;
}

/**
 * The API's context: the same, and in the same statement the call is counted in its rate-limit
 * buckets (see bucketKeys); the buckets come back with the limits of the caller's home tenant.
 */
export function resolveApiContext(
  claims: AuthClaims,
  target: { id: string } | null,
  meta: RequestMeta,
  rateClass: RateClass,
): Promise<{ ctx: RequestContext; buckets: BucketState[] }> {
  return resolve(claims, target, meta, rateClass);
}

async function resolve(
  claims: AuthClaims,
  target: TargetTenant,
  meta: RequestMeta,
  rateClass: RateClass | null,
): Promise<{ ctx: RequestContext; buckets: BucketState[] }> {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw unauthorized();
  const { sessionId, userId, tenantId } = parsed.data;
  const targetId = target && 'id' in target ? target.id : null;
  const targetSlug = target && 'slug' in target ? target.slug : null;
  const keys = rateClass ? bucketKeys({ userId, homeTenantId: tenantId, targetTenantId: targetId }, rateClass) : [];

  // One round trip: portal_request_context (migration 0006) scopes its own statement to the home
  // tenant, so RLS applies, and returns the session row and, when named, the target tenant.
  const needsTarget = targetSlug !== null || (targetId !== null && targetId !== tenantId);
  const buckets = bucketArrays(keys);
  const [read] = await appDb().execute<{ ctx: { home: HomeRow | null; target: TargetRow | null; buckets: BucketHit[] | null } }>(
    sql`select portal_request_context(${tenantId}, ${userId}, ${sessionId}, ${needsTarget ? targetId : null}, ${needsTarget ? targetSlug : null},
      ${buckets.keys}::text[], ${buckets.windows}::int[]) as ctx`,
  );
  return build(read?.ctx, { sessionId, keys }, target, meta);
}

/**
 * The API's context for a call made with an API key (lib/auth/api-key.ts): the key's user at
 * home, holding only what both the key and the user hold now, or through a live link with the
 * same rules as the user's own session. One round trip (portal_key_request_context).
 */
export async function resolveKeyApiContext(
  key: { keyId: string; secretHash: string },
  target: { id: string } | null,
  meta: RequestMeta,
  rateClass: RateClass | null,
): Promise<{ ctx: RequestContext; buckets: BucketState[] }> {
  const templates = bucketArrays(rateClass ? bucketKeys({ userId: '@user', homeTenantId: '@home', targetTenantId: target?.id ?? null }, rateClass) : []);
  const [read] = await appDb().execute<{ ctx: ContextRead }>(
    sql`select portal_key_request_context(${key.keyId}::uuid, ${key.secretHash}, ${meta.ip}::inet, ${target?.id ?? null}::uuid,
      ${templates.keys}::text[], ${templates.windows}::int[]) as ctx`,
  );
  const home = read?.ctx.home;
  if (!home?.key) throw unauthorized('The API key is not valid: it is unknown, revoked or expired.');
  const keys = rateClass ? bucketKeys({ userId: home.userId, homeTenantId: home.tenantId, targetTenantId: target?.id ?? null }, rateClass) : [];
  return build(read!.ctx, { sessionId: home.key.id, keys, apiKey: { ...home.key, secretHash: key.secretHash } }, target, meta);
}

/** The same without counting a call (a cross-tenant read checking the key again per tenant). */
export async function resolveKeyContext(key: { keyId: string; secretHash: string }, target: { id: string } | null, meta: RequestMeta): Promise<RequestContext> {
  return (await resolveKeyApiContext(key, target, meta, null)).ctx;
}

type ContextRead = { home: HomeRow | null; target: TargetRow | null; buckets: BucketHit[] | null };

async function build(
  read: ContextRead | undefined,
  via: { sessionId: string; keys: ReturnType<typeof bucketKeys>; apiKey?: { id: string; name: string; permissions: string[]; secretHash: string } },
  target: TargetTenant,
  meta: RequestMeta,
): Promise<{ ctx: RequestContext; buckets: BucketState[] }> {
  const { sessionId, keys } = via;
  const targetId = target && 'id' in target ? target.id : null;
  const targetSlug = target && 'slug' in target ? target.slug : null;
  const row = read?.home;
  if (!row || row.tenantStatus !== 'active' || row.status === 'inactive') throw unauthorized();
  const tenantId = row.tenantId;
  const userId = row.userId;
  const policy = withPlanLimits(effectivePolicy(row.type, row.policy), row.planLimits);
  const timeout = policy.inactivityTimeoutMinutes;
  if (timeout !== null && row.idleSeconds > timeout * 60) {
    await inTenantScope({ tenantId, userId }, (tx) => endSessionForInactivity(tx, { tenantId, userId, sessionId, timeout, meta }));
    throw unauthorized(`Your session ended after ${timeout} minutes without activity. Sign in again.`);
  }
  if (row.idleSeconds > TOUCH_AFTER_SECONDS) {
    await inTenantScope({ tenantId, userId }, (tx) =>
      tx.update(sessions).set({ lastSeenAt: sql`now()` }).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId))),
    );
  }

  const homeTenant: TenantRef = { id: row.tenantId, slug: row.slug, name: row.tenantName, isPlatform: row.isPlatform };
  // A self sign-up whose address is not confirmed yet, and staff whose tenant requires a second
  // factor they have not set up, see My account and nothing else; a key holds what both it and
  // its user hold.
  const mfaRequired = row.mfa?.required ?? false;
  const mfaPending = mfaRequired && !row.mfa?.enabled;
  const keyHolds = via.apiKey ? new Set(via.apiKey.permissions) : null;
  const homePermissions = new Set(
    (row.emailVerified && !mfaPending ? row.permissions : row.permissions.filter((p) => UNVERIFIED_PERMISSIONS.has(p))).filter((p) => !keyHolds || keyHolds.has(p)),
  );
  const base = {
    ...meta,
    sessionId,
    user: { id: row.userId, email: row.email, name: row.name, type: row.type, status: row.status, emailVerified: row.emailVerified, mfaRequired, mfaPending },
    homeTenant,
    homePermissions,
    policy,
    rateLimits: row.rateLimits ?? defaultRateLimits,
    apiKey: via.apiKey ? { id: via.apiKey.id, name: via.apiKey.name, secretHash: via.apiKey.secretHash } : null,
  };
  const counted = bucketStates(keys, read.buckets ?? [], base.rateLimits);
  const isHome = !target || ('id' in target ? target.id === homeTenant.id : target.slug === homeTenant.slug);
  if (isHome) {
    return { buckets: counted, ctx: { ...base, activeTenant: homeTenant, via: 'home', link: null, permissions: effectivePermissions(homePermissions, null) } };
  }

  // A refused attempt to act in another tenant is audited in the caller's home tenant.
  const found = read.target;
  const refuse = async (error: AppError, reason = error.message): Promise<never> => {
    await inTenantScope({ tenantId, userId }, (tx) =>
      recordTenantAudit(tx, {
        tenantId,
        actorUserId: userId,
        actorTenantId: tenantId,
        actorLabel: actorLabelOf({ user: row, apiKey: base.apiKey }),
        requestId: meta.requestId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        action: 'tenant.access_denied',
        resourceType: 'tenant',
        resourceId: found?.id,
        outcome: 'denied',
        details: { code: error.code, reason, requested: targetId ?? targetSlug },
      }),
    );
    throw error;
  };
  // One answer whether the tenant exists, is stopped, or is simply not linked: the caller learns
  // nothing about other tenants (the audit event keeps the real reason).
  const denied = (reason: string) => refuse(new AppError('TENANT_ACCESS_DENIED', 'This tenant is not available to you.'), reason);
  // The platform tenant is never reached through a link, whatever the links table holds.
  if (!found) return denied('no such tenant');
  if (found.status !== 'active' || found.isPlatform) return denied(found.isPlatform ? 'the platform tenant' : 'tenant stopped');
  if (!homePermissions.has('partner.tenants.switch_context')) {
    return denied('no partner.tenants.switch_context');
  }
  if (!found.link) return denied('no live link');
  const link = { ...found.link, startsAt: new Date(found.link.startsAt), endsAt: found.link.endsAt ? new Date(found.link.endsAt) : null };
  const state = linkState(link);
  if (state === 'expired') return refuse(new AppError('TENANT_LINK_EXPIRED', 'Partner-tenant link has expired.', { endsAt: link.endsAt }));
  if (state !== 'active' && state !== 'expiring') return denied('link not in force yet');

  return {
    buckets: counted,
    ctx: {
      ...base,
      activeTenant: { id: found.id, slug: found.slug, name: found.name, isPlatform: found.isPlatform },
      via: 'link',
      link: { id: link.id, accessRole: link.accessRole, startsAt: link.startsAt, endsAt: link.endsAt },
      permissions: effectivePermissions(homePermissions, link),
    },
  };
}

type HomeRow = {
  userId: string;
  email: string;
  name: string;
  type: ContextUser['type'];
  status: ContextUser['status'];
  emailVerified: boolean;
  tenantId: string;
  slug: string;
  tenantName: string;
  isPlatform: boolean;
  tenantStatus: 'active' | 'stopped';
  permissions: string[];
  idleSeconds: number;
  policy: Partial<SessionPolicy> | null;
  /** The key a call was made with (API-key calls only). */
  key?: { id: string; name: string; permissions: string[] };
  /** The limits of the plan the user is signed to, if any. */
  planLimits: PlanLimits | null;
  rateLimits: RateLimits | null;
  /** Whether the user has a second factor, and whether the tenant requires one of them. */
  mfa?: { enabled: boolean; required: boolean };
};

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

import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { tenantPolicies, tenantRateLimits } from '@/db/schema';
import { defaultPolicies, effectivePolicy, type SessionPolicy, type UserType } from '@/lib/config/policies';
import { defaultRateLimits, type RateLimits } from '@/lib/config/rate-limits';
import { AppError } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { userTypes } from '@/lib/config/enums';
import {
  updatePolicySchema,
  updateRateLimitsSchema,
  type PolicyDto,
  type RateLimitsDto,
  type UpdatePolicyInput,
  type UpdateRateLimitsInput,
} from '@/lib/validation/config';
import { recordAudit, recordAuditIn } from './audit';
import { withPlatformScope, type ForeignTenantId } from './platform/scope';
import { withTenant, type Tx } from './tx';

// Session and usage policies (the tenant admin's) and API rate limits (the platform's, shown to
// the tenant read-only). Both are read on every request by resolveContext, so a change applies
// to the next request.

const storedColumns = {
  inactivityTimeoutMinutes: tenantPolicies.inactivityTimeoutMinutes,
  opsPerDay: tenantPolicies.opsPerDay,
  opsPerWeek: tenantPolicies.opsPerWeek,
  breachAction: tenantPolicies.breachAction,
  maxConcurrentSessions: tenantPolicies.maxConcurrentSessions,
};

async function storedPolicies(tx: Tx, tenantId: string) {
  const rows = await tx.select({ userType: tenantPolicies.userType, ...storedColumns }).from(tenantPolicies).where(eq(tenantPolicies.tenantId, tenantId));
  return new Map(rows.map(({ userType, ...p }) => [userType, p]));
}

const toPolicyDto = (type: UserType, stored: Partial<SessionPolicy> | undefined): PolicyDto => ({
  userType: type,
  ...effectivePolicy(type, stored),
  readOnly: type === 'guest',
  customised: type !== 'guest' && stored !== undefined,
});

export async function listPolicies(ctx: RequestContext): Promise<PolicyDto[]> {
  assertCan(ctx, 'settings.read');
  const stored = await withTenant(ctx, (tx) => storedPolicies(tx, ctx.activeTenant.id));
  return userTypes.map((type) => toPolicyDto(type, stored.get(type)));
}

/** Saves a user type's policy; guests are system-wide and refused. Audited with before and after. */
export async function updatePolicy(ctx: RequestContext, { type, policy }: { type: UserType; policy: UpdatePolicyInput }): Promise<PolicyDto> {
  assertCan(ctx, 'settings.write');
  if (type === 'guest') {
    throw new AppError('VALIDATION_ERROR', 'Guest limits are system-wide (20-minute sessions, 5 operations a day, 20 a week) and cannot be changed.');
  }
  const data = updatePolicySchema.parse(policy);
  if (type === 'admin' && (data.opsPerDay !== null || data.opsPerWeek !== null)) {
    // An operation quota on admins could lock a tenant out of its own settings until it expires.
    throw new AppError('VALIDATION_ERROR', 'Admins have no operation quotas; set a timeout or a session cap instead.', {
      fieldErrors: { opsPerDay: ['Admins have no operation quotas.'] },
    });
  }
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .select(storedColumns)
      .from(tenantPolicies)
      .where(and(eq(tenantPolicies.tenantId, tenantId), eq(tenantPolicies.userType, type)))
      .for('update');
    const before = effectivePolicy(type, row);
    await tx
      .insert(tenantPolicies)
      .values({ tenantId, userType: type, ...data })
      .onConflictDoUpdate({ target: [tenantPolicies.tenantId, tenantPolicies.userType], set: { ...data, updatedAt: sql`now()` } });
    const after = effectivePolicy(type, data);
    await recordAudit(tx, ctx, { action: 'policy.update', resourceType: 'policy', resourceId: type, details: { before, after } });
    return toPolicyDto(type, data);
  });
}

/** Back to the defaults for a user type. */
export async function resetPolicy(ctx: RequestContext, { type }: { type: UserType }): Promise<PolicyDto> {
  assertCan(ctx, 'settings.write');
  if (type === 'guest') throw new AppError('VALIDATION_ERROR', 'Guest limits are system-wide and cannot be changed.');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .delete(tenantPolicies)
      .where(and(eq(tenantPolicies.tenantId, tenantId), eq(tenantPolicies.userType, type)))
      .returning(storedColumns);
    if (row) {
      const details = { before: effectivePolicy(type, row), after: defaultPolicies[type] };
      await recordAudit(tx, ctx, { action: 'policy.reset', resourceType: 'policy', resourceId: type, details });
    }
    return toPolicyDto(type, undefined);
  });
}

const limitColumns = {
  listPerMinute: tenantRateLimits.listPerMinute,
  detailPerMinute: tenantRateLimits.detailPerMinute,
  writePerMinute: tenantRateLimits.writePerMinute,
  exportPerHour: tenantRateLimits.exportPerHour,
  linkPerMinute: tenantRateLimits.linkPerMinute,
};

/** The active tenant's own limits (tenant admins see them; only the platform changes them). */
export async function getRateLimits(ctx: RequestContext): Promise<RateLimitsDto> {
  assertCan(ctx, 'settings.read');
  const [row] = await withTenant(ctx, (tx) => tx.select(limitColumns).from(tenantRateLimits).where(eq(tenantRateLimits.tenantId, ctx.activeTenant.id)));
  return row ? { ...row, customised: true } : { ...defaultRateLimits, customised: false };
}

/** Platform: a tenant's limits. Limits are configuration, not tenant data, so the scope moves. */
export async function getTenantRateLimits(ctx: RequestContext, { tenantId }: ForeignTenantId): Promise<RateLimitsDto> {
  return withPlatformScope(ctx, 'platform.tenants.read', async ({ tx, enter }) => {
    const row = await storedLimits(tx, (await enter({ id: tenantId })).id);
    return row ? { ...row, customised: true } : { ...defaultRateLimits, customised: false };
  });
}

async function storedLimits(tx: Tx, tenantId: string, opts: { lock?: boolean } = {}): Promise<RateLimits | null> {
  const query = tx.select(limitColumns).from(tenantRateLimits).where(eq(tenantRateLimits.tenantId, tenantId));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function setTenantRateLimits(
  ctx: RequestContext,
  { tenantId, limits }: ForeignTenantId & { limits: UpdateRateLimitsInput },
): Promise<RateLimitsDto> {
  const data = updateRateLimitsSchema.parse(limits);
  return withPlatformScope(ctx, 'platform.tenants.manage', async ({ tx, enter, home }) => {
    const tenant = await enter({ id: tenantId });
    const row = await storedLimits(tx, tenant.id, { lock: true });
    await tx
      .insert(tenantRateLimits)
      .values({ tenantId: tenant.id, ...data })
      .onConflictDoUpdate({ target: tenantRateLimits.tenantId, set: { ...data, updatedAt: sql`now()` } });
    const change = { action: 'rate_limits.update', resourceType: 'tenant', resourceId: tenant.id, details: { before: row ?? defaultRateLimits, after: data } };
    await recordAuditIn(tx, ctx, tenant.id, change, 'platform');
    await home();
    await recordAudit(tx, ctx, change);
    return { ...data, customised: true };
  });
}

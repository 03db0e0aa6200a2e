import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { featureSettings, tenantFeatures, tenants } from '@/db/schema';
import { decideFeature, featureCatalogue, tenantMayToggle, type FeatureKey, type FeatureStage, type FeatureState } from '@/lib/config/features';
import { AppError, notFound } from '@/lib/errors';
import { assertCan, type TenantPermission } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import type { PlatformFeatureDto, TenantFeatureDto } from '@/lib/validation/config';
import { recordAudit, recordAuditIn } from './audit';
import { withPlatformScope, type ForeignTenantId } from './platform/scope';
import { withTenant, type Tx } from './tx';

// Features: the catalogue is code (lib/config/features.ts); the platform sets each feature's
// global stage and grants early access per tenant; a tenant admin toggles what the stage allows.

const catalogueEntry = (key: string) => featureCatalogue.find((f) => f.key === key);

async function tenantFeatureStates(tx: Tx, tenantId: string): Promise<Map<FeatureKey, FeatureState>> {
  const [stages, rows] = await Promise.all([
    tx.select().from(featureSettings),
    tx.select().from(tenantFeatures).where(eq(tenantFeatures.tenantId, tenantId)),
  ]);
  const stageOf = new Map(stages.map((s) => [s.key, s.stage]));
  const rowOf = new Map(rows.map((r) => [r.key, r]));
  return new Map(
    featureCatalogue.map((f) => [
      f.key,
      {
        stage: stageOf.get(f.key) ?? f.defaultStage,
        earlyAccess: rowOf.get(f.key)?.earlyAccess ?? false,
        tenantEnabled: rowOf.get(f.key)?.enabled ?? null,
      },
    ]),
  );
}

/**
 * decideFeature as one SQL condition on a tenant id column, for reads across many tenants at once
 * (the ticket board, alerts, reports): the stage (off: nowhere; beta: with early access only),
 * then the tenant's toggle. test/integration/features.test.ts holds it to decideFeature.
 */
export function featureOnSql(tenantIdColumn: SQL | string, key: FeatureKey): SQL {
  const fallback = catalogueEntry(key)!.defaultStage;
  const column = typeof tenantIdColumn === 'string' ? sql.raw(tenantIdColumn) : tenantIdColumn;
  return sql`(select case coalesce((select fs.stage::text from feature_settings fs where fs.key = ${key}), ${fallback})
      when 'off' then false
      when 'beta' then coalesce(bool_and(tf.early_access and coalesce(tf.enabled, true)), false)
      else coalesce(bool_and(coalesce(tf.enabled, true)), true) end
    from tenant_features tf where tf.tenant_id = ${column} and tf.key = ${key})`;
}

/** The features on in the active tenant (for navigation). One transaction, two reads. */
export async function enabledFeatures(ctx: RequestContext): Promise<Set<FeatureKey>> {
  const states = await withTenant(ctx, (tx) => tenantFeatureStates(tx, ctx.activeTenant.id));
  return new Set([...states].filter(([, s]) => decideFeature(s).enabled).map(([k]) => k));
}

/** The one server-side decision: is this feature on in the request's active tenant? */
export async function isEnabled(ctx: RequestContext, key: FeatureKey): Promise<boolean> {
  return (await enabledFeatures(ctx)).has(key);
}

/** Off answers 404 FEATURE_DISABLED: the feature's entry points are simply not there. */
export async function assertFeatureIn(tx: Tx, ctx: RequestContext, key: FeatureKey): Promise<void> {
  const state = (await tenantFeatureStates(tx, ctx.activeTenant.id)).get(key);
  if (!state || !decideFeature(state).enabled) {
    throw new AppError('FEATURE_DISABLED', 'This feature is not available in this tenant.', { feature: key });
  }
}

/**
 * The transaction of a feature-gated workspace: the permission first (no query runs for a caller
 * without it), then the feature, read in the same transaction as the work itself.
 */
export async function withTenantFeature<T>(
  ctx: RequestContext,
  { permission, feature }: { permission: TenantPermission; feature: FeatureKey },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  assertCan(ctx, permission);
  return withTenant(ctx, async (tx) => {
    await assertFeatureIn(tx, ctx, feature);
    return fn(tx);
  });
}

export async function listTenantFeatures(ctx: RequestContext): Promise<TenantFeatureDto[]> {
  assertCan(ctx, 'settings.read');
  const states = await withTenant(ctx, (tx) => tenantFeatureStates(tx, ctx.activeTenant.id));
  return featureCatalogue.map((f) => toDto(f.key, states.get(f.key)!));
}

function toDto(key: FeatureKey, state: FeatureState): TenantFeatureDto {
  const entry = catalogueEntry(key)!;
  const decision = decideFeature(state);
  return {
    key,
    name: entry.name,
    description: entry.description,
    ...state,
    enabled: decision.enabled,
    reason: decision.reason,
    mayToggle: tenantMayToggle(state),
  };
}

/** A tenant admin turns a feature on or off, within what its stage allows. */
export async function setTenantFeature(ctx: RequestContext, { key, enabled }: { key: FeatureKey; enabled: boolean }): Promise<TenantFeatureDto> {
  assertCan(ctx, 'settings.write');
  if (!catalogueEntry(key)) throw notFound('Feature');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const before = (await tenantFeatureStates(tx, tenantId)).get(key)!;
    if (!tenantMayToggle(before)) {
      throw new AppError('VALIDATION_ERROR', before.stage === 'off'
        ? 'This feature is not released; it cannot be turned on.'
        : 'This feature is in beta; it needs early access from the platform first.', { feature: key, stage: before.stage });
    }
    await tx
      .insert(tenantFeatures)
      .values({ tenantId, key, enabled })
      .onConflictDoUpdate({ target: [tenantFeatures.tenantId, tenantFeatures.key], set: { enabled, updatedAt: sql`now()` } });
    const after = { ...before, tenantEnabled: enabled };
    await recordAudit(tx, ctx, {
      action: 'feature.toggle',
      resourceType: 'feature',
      resourceId: key,
      details: { before: { enabled: decideFeature(before).enabled, tenantEnabled: before.tenantEnabled }, after: { enabled: decideFeature(after).enabled, tenantEnabled: enabled } },
    });
    return toDto(key, after);
  });
}

/** Platform view: every feature's global stage and who has early access. */
export async function listPlatformFeatures(ctx: RequestContext): Promise<PlatformFeatureDto[]> {
  return withPlatformScope(ctx, 'platform.features.manage', ({ tx }) => platformFeatures(tx));
}

async function platformFeatures(tx: Tx): Promise<PlatformFeatureDto[]> {
  const stages = await tx.select().from(featureSettings);
  // Early-access grants across tenants come from a SECURITY DEFINER function that returns only
  // (tenant, key) pairs, never a tenant's other configuration.
  const grants = await tx.execute<{ tenant_id: string; key: string }>(sql`select tenant_id, key from feature_early_access()`);
  const registry = await tx.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants);
  const tenantOf = new Map(registry.map((t) => [t.id, t]));
  const stageOf = new Map(stages.map((s) => [s.key, s.stage]));
  return featureCatalogue.map((f) => ({
    key: f.key,
    name: f.name,
    description: f.description,
    defaultStage: f.defaultStage,
    stage: stageOf.get(f.key) ?? f.defaultStage,
    earlyAccess: grants
      .filter((g) => g.key === f.key && tenantOf.has(g.tenant_id))
      .map((g) => ({ tenantId: g.tenant_id, slug: tenantOf.get(g.tenant_id)!.slug, name: tenantOf.get(g.tenant_id)!.name }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
  }));
}

export async function setFeatureStage(ctx: RequestContext, { key, stage }: { key: FeatureKey; stage: FeatureStage }): Promise<PlatformFeatureDto> {
  const entry = catalogueEntry(key);
  return withPlatformScope(ctx, 'platform.features.manage', async ({ tx }) => {
    if (!entry) throw notFound('Feature');
    const [row] = await tx.select().from(featureSettings).where(eq(featureSettings.key, key)).for('update');
    const before = row?.stage ?? entry.defaultStage;
    await tx
      .insert(featureSettings)
      .values({ key, stage })
      .onConflictDoUpdate({ target: featureSettings.key, set: { stage, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx, { action: 'feature.stage', resourceType: 'feature', resourceId: key, details: { before: { stage: before }, after: { stage } } });
    return (await platformFeatures(tx)).find((f) => f.key === key)!;
  });
}

/** Grants or withdraws early access for one tenant; audited in the platform and in the tenant. */
export async function setEarlyAccess(
  ctx: RequestContext,
  { key, tenantId, earlyAccess }: ForeignTenantId & { key: FeatureKey; earlyAccess: boolean },
): Promise<PlatformFeatureDto> {
  return withPlatformScope(ctx, 'platform.features.manage', async ({ tx, enter, home }) => {
    if (!catalogueEntry(key)) throw notFound('Feature');
    const tenant = await enter({ id: tenantId });
    const [row] = await tx
      .select({ earlyAccess: tenantFeatures.earlyAccess })
      .from(tenantFeatures)
      .where(and(eq(tenantFeatures.tenantId, tenant.id), eq(tenantFeatures.key, key)))
      .for('update');
    await tx
      .insert(tenantFeatures)
      .values({ tenantId: tenant.id, key, earlyAccess })
      .onConflictDoUpdate({ target: [tenantFeatures.tenantId, tenantFeatures.key], set: { earlyAccess, updatedAt: sql`now()` } });
    const change = { action: 'feature.early_access', resourceType: 'feature', resourceId: key, details: { tenantId: tenant.id, before: { earlyAccess: row?.earlyAccess ?? false }, after: { earlyAccess } } };
    await recordAuditIn(tx, ctx, tenant.id, change, 'platform');
    await home();
    await recordAudit(tx, ctx, change);
    return (await platformFeatures(tx)).find((f) => f.key === key)!;
  });
}

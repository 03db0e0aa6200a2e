import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { tenantSettings } from '@/db/schema';
import type { AdvancedToCompanyPolicy, BasicToAdvancedPolicy } from '@/lib/config/enums';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { endUserSettingsSchema, type EndUserSettings, type EndUserSettingsInput } from '@/lib/validation/account';
import { recordAudit } from './audit';
import { withTenant, type Tx } from './tx';

export type EndUserSettingsDto = EndUserSettings;

/** What a tenant without a settings row gets. */
export const defaultEndUserSettings: EndUserSettingsDto = {
  selfSignup: true,
  basicToAdvanced: 'advanced_kyc',
  advancedToCompany: 'business_verification',
  kycRetentionDays: 90,
  expiryDowngrade: 'guest',
};

export async function readEndUserSettings(tx: Tx, tenantId: string): Promise<EndUserSettingsDto> {
  const [row] = await tx.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId));
  if (!row) return defaultEndUserSettings;
  return {
    selfSignup: row.selfSignup,
    basicToAdvanced: row.basicToAdvanced as BasicToAdvancedPolicy,
    advancedToCompany: row.advancedToCompany as AdvancedToCompanyPolicy,
    kycRetentionDays: row.kycRetentionDays,
    expiryDowngrade: row.expiryDowngrade as 'guest' | 'one_step',
  };
}

export async function getEndUserSettings(ctx: RequestContext): Promise<EndUserSettingsDto> {
  assertCan(ctx, 'settings.read');
  return withTenant(ctx, (tx) => readEndUserSettings(tx, ctx.activeTenant.id));
}

/** Sign-up, upgrade and KYC rules (settings.write); audited with before and after. */
export async function updateEndUserSettings(ctx: RequestContext, input: EndUserSettingsInput): Promise<EndUserSettingsDto> {
  assertCan(ctx, 'settings.write');
  const values = endUserSettingsSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const before = await readEndUserSettings(tx, tenantId);
    await tx
      .insert(tenantSettings)
      .values({ tenantId, ...values })
      .onConflictDoUpdate({ target: tenantSettings.tenantId, set: { ...values, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx, { action: 'settings.end_users_updated', resourceType: 'tenant', resourceId: tenantId, details: { before, after: values } });
    return values;
  });
}

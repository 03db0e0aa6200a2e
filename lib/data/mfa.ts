import 'server-only';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { authFailures, mfaRecoveryCodes, tenantSettings, userMfa } from '@/db/schema';
import { enrolmentOf, looksLikeTotp, newRecoveryCodes, newTotpSecret, recoveryHash, verifyTotp } from '@/lib/auth/totp';
import { AppError } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { mfaCodeSchema, securitySettingsSchema, type MfaCodeInput, type MfaEnrolmentDto, type MfaStatusDto, type SecuritySettings } from '@/lib/validation/account';
import { recordAudit, recordAuditIn } from './audit';
import { queueMail } from './internal/notify';
import { withHomeTenant, withTenant, type Tx } from './tx';

// A user's second factor (TOTP) and recovery codes. Each user manages their own (in their home
// tenant, whatever tenant is active: like the password), signed in, never with an API key.
// Turning it off or making new recovery codes needs a current code; wrong codes count like wrong
// sign-ins (5 in 15 minutes refuse more).

const CODE_ATTEMPTS = 5;
const WINDOW = sql`now() - interval '15 minutes'`;

function assertOwnAccount(ctx: RequestContext, permission: 'account.read' | 'account.sessions.manage') {
  assertCan(ctx, permission);
  if (ctx.apiKey) throw new AppError('FORBIDDEN', 'Two-factor authentication is managed signed in to the portal, not with an API key.', { permission });
}

const wrongCode = () => new AppError('VALIDATION_ERROR', 'That code is not right. Codes change every 30 seconds; use the newest.', { fieldErrors: { code: ['That code is not right.'] } });

/**
 * Checks a second-factor code for a user inside their tenant's transaction: a TOTP code newer
 * than the last one accepted, or an unused recovery code (used up here). 'none': no factor.
 */
export async function checkSecondFactor(tx: Tx, tenantId: string, userId: string, code: string): Promise<'ok' | 'wrong' | 'none'> {
  const [factor] = await tx
    .select({ secret: userMfa.secret, lastTimeStep: userMfa.lastTimeStep })
    .from(userMfa)
    .where(and(eq(userMfa.tenantId, tenantId), eq(userMfa.userId, userId), sql`${userMfa.enabledAt} is not null`))
    .for('update');
  if (!factor) return 'none';
  if (looksLikeTotp(code)) {
    const step = await verifyTotp(factor.secret, code, factor.lastTimeStep);
    if (step === null) return 'wrong';
    await tx.update(userMfa).set({ lastTimeStep: step }).where(and(eq(userMfa.tenantId, tenantId), eq(userMfa.userId, userId)));
    return 'ok';
  }
  const used = await tx
    .update(mfaRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(mfaRecoveryCodes.tenantId, tenantId), eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, recoveryHash(code)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return used.length > 0 ? 'ok' : 'wrong';
}

/** Whether a user has a confirmed second factor (sign-in asks for a code when so). */
export async function hasSecondFactor(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  const [row] = await tx.select({ n: count() }).from(userMfa).where(and(eq(userMfa.tenantId, tenantId), eq(userMfa.userId, userId), sql`${userMfa.enabledAt} is not null`));
  return (row?.n ?? 0) > 0;
}

export async function getMyMfa(ctx: RequestContext): Promise<MfaStatusDto> {
  assertCan(ctx, 'account.read');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const [factor] = await tx.select({ enabledAt: userMfa.enabledAt }).from(userMfa).where(and(eq(userMfa.tenantId, tenantId), eq(userMfa.userId, ctx.user.id)));
    const [left] = factor?.enabledAt
      ? await tx.select({ n: count() }).from(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.tenantId, tenantId), eq(mfaRecoveryCodes.userId, ctx.user.id), isNull(mfaRecoveryCodes.usedAt)))
      : [{ n: 0 }];
    return {
      enabled: Boolean(factor?.enabledAt),
      enabledAt: factor?.enabledAt?.toISOString() ?? null,
      enrolling: Boolean(factor && !factor.enabledAt),
      recoveryCodesLeft: left?.n ?? 0,
      required: ctx.user.mfaRequired,
    };
  });
}

/** A new secret for the user's authenticator app (replacing an unfinished enrolment). */
export async function startMfaEnrolment(ctx: RequestContext): Promise<MfaEnrolmentDto> {
  assertOwnAccount(ctx, 'account.sessions.manage');
  const tenantId = ctx.homeTenant.id;
  const secret = newTotpSecret();
  await withHomeTenant(ctx, async (tx) => {
    if (await hasSecondFactor(tx, tenantId, ctx.user.id)) throw new AppError('CONFLICT', 'Two-factor authentication is already on. Turn it off first to use another app.');
    await tx
      .insert(userMfa)
      .values({ tenantId, userId: ctx.user.id, secret })
      .onConflictDoUpdate({ target: [userMfa.tenantId, userMfa.userId], set: { secret, enabledAt: null, lastTimeStep: null, createdAt: sql`now()` } });
  });
  return { secret, ...(await enrolmentOf(secret, `Partner Portal (${ctx.homeTenant.name})`, ctx.user.email)) };
}

/** The first code proves the app has the secret: the factor is on, and ten recovery codes are shown once. */
export async function confirmMfaEnrolment(ctx: RequestContext, input: MfaCodeInput): Promise<{ recoveryCodes: string[] }> {
  assertOwnAccount(ctx, 'account.sessions.manage');
  const { code } = mfaCodeSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  const result = await withHomeTenant(ctx, async (tx) => {
    const [factor] = await tx
      .select({ secret: userMfa.secret, enabledAt: userMfa.enabledAt })
      .from(userMfa)
      .where(and(eq(userMfa.tenantId, tenantId), eq(userMfa.userId, ctx.user.id)))
      .for('update');
    if (!factor) throw new AppError('CONFLICT', 'Start the set-up first: there is no code to confirm yet.');
    if (factor.enabledAt) throw new AppError('CONFLICT', 'Two-factor authentication is already on.');
    await assertAttemptsLeft(tx, ctx);
    const step = await verifyTotp(factor.secret, code, null);
    if (step === null) return null;
    await tx.update(userMfa).set({ enabledAt: sql`now()`, lastTimeStep: step }).where(and(eq(userMfa.tenantId, tenantId), eq(userMfa.userId, ctx.user.id)));
    const recoveryCodes = await replaceRecoveryCodes(tx, tenantId, ctx.user.id);
    await recordAuditIn(tx, ctx, tenantId, { action: 'account.mfa_enabled', resourceType: 'user', resourceId: ctx.user.id });
    await queueMail(tx, {
      tenantId,
      to: ctx.user.email,
      subject: `${ctx.homeTenant.name}: two-factor authentication is on`,
      body: `Signing in to your ${ctx.homeTenant.name} account now asks for a code from your authenticator app. If it was not you who turned it on, contact support.`,
    });
    return { recoveryCodes };
  });
  if (!result) throw await countWrongCode(ctx);
  return result;
}

/** Turns the factor off (a current code or a recovery code proves it is the owner). */
export async function disableMfa(ctx: RequestContext, input: MfaCodeInput): Promise<{ enabled: false }> {
  assertOwnAccount(ctx, 'account.sessions.manage');
  const { code } = mfaCodeSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  const ok = await withHomeTenant(ctx, async (tx) => {
    const checked = await checkCode(tx, ctx, code);
    if (checked === 'wrong') return false;
    await tx.delete(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.tenantId, tenantId), eq(mfaRecoveryCodes.userId, ctx.user.id)));
    await tx.delete(userMfa).where(and(eq(userMfa.tenantId, tenantId), eq(userMfa.userId, ctx.user.id)));
    await recordAuditIn(tx, ctx, tenantId, { action: 'account.mfa_disabled', resourceType: 'user', resourceId: ctx.user.id });
    await queueMail(tx, {
      tenantId,
      to: ctx.user.email,
      subject: `${ctx.homeTenant.name}: two-factor authentication is off`,
      body: `Signing in to your ${ctx.homeTenant.name} account no longer asks for a code. If it was not you, change your password and contact support.`,
    });
    return true;
  });
  if (!ok) throw await countWrongCode(ctx);
  return { enabled: false };
}

/** Ten new recovery codes (the old ones stop working), shown once. */
export async function regenerateRecoveryCodes(ctx: RequestContext, input: MfaCodeInput): Promise<{ recoveryCodes: string[] }> {
  assertOwnAccount(ctx, 'account.sessions.manage');
  const { code } = mfaCodeSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  const result = await withHomeTenant(ctx, async (tx) => {
    const checked = await checkCode(tx, ctx, code);
    if (checked === 'wrong') return null;
    const recoveryCodes = await replaceRecoveryCodes(tx, tenantId, ctx.user.id);
    await recordAuditIn(tx, ctx, tenantId, { action: 'account.mfa_recovery_codes_replaced', resourceType: 'user', resourceId: ctx.user.id });
    return { recoveryCodes };
  });
  if (!result) throw await countWrongCode(ctx);
  return result;
}

async function replaceRecoveryCodes(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.tenantId, tenantId), eq(mfaRecoveryCodes.userId, userId)));
  await tx.insert(mfaRecoveryCodes).values(codes.map((c) => ({ tenantId, userId, codeHash: recoveryHash(c) })));
  return codes;
}

const attemptsKey = (ctx: RequestContext) => `mfa:${ctx.homeTenant.id}:${ctx.user.id}`;

/** A code for a change to a factor that is on: no factor is a conflict, too many wrong codes a wait. */
async function checkCode(tx: Tx, ctx: RequestContext, code: string): Promise<'ok' | 'wrong'> {
  if (!(await hasSecondFactor(tx, ctx.homeTenant.id, ctx.user.id))) throw new AppError('CONFLICT', 'Two-factor authentication is not on.');
  await assertAttemptsLeft(tx, ctx);
  const checked = await checkSecondFactor(tx, ctx.homeTenant.id, ctx.user.id, code);
  return checked === 'ok' ? 'ok' : 'wrong';
}

async function assertAttemptsLeft(tx: Tx, ctx: RequestContext): Promise<void> {
  const [row] = await tx.select({ n: count() }).from(authFailures).where(and(eq(authFailures.key, attemptsKey(ctx)), gt(authFailures.at, WINDOW)));
  if ((row?.n ?? 0) >= CODE_ATTEMPTS) throw new AppError('RATE_LIMIT_EXCEEDED', 'Too many wrong codes. Wait 15 minutes and try again.', { retryAfterSeconds: 900 });
}

/** Records a wrong code (outside the refused change's transaction, so it stays) and returns the error to throw. */
async function countWrongCode(ctx: RequestContext): Promise<AppError> {
  await withHomeTenant(ctx, (tx) => tx.insert(authFailures).values({ key: attemptsKey(ctx) }));
  return wrongCode();
}

/** The tenant's sign-in security (Settings, settings.read). */
export async function getSecuritySettings(ctx: RequestContext): Promise<SecuritySettings> {
  assertCan(ctx, 'settings.read');
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.select({ mfaRequired: tenantSettings.mfaRequired }).from(tenantSettings).where(eq(tenantSettings.tenantId, ctx.activeTenant.id));
    return { mfaRequired: row?.mfaRequired ?? false };
  });
}

/**
 * Requires a second factor of the tenant's staff (settings.write), audited with before and
 * after. Staff without one keep their session but hold only My account until they set it up.
 */
export async function updateSecuritySettings(ctx: RequestContext, input: z.input<typeof securitySettingsSchema>): Promise<SecuritySettings> {
  assertCan(ctx, 'settings.write');
  const values = securitySettingsSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [before] = await tx.select({ mfaRequired: tenantSettings.mfaRequired }).from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId));
    await tx
      .insert(tenantSettings)
      .values({ tenantId, ...values })
      .onConflictDoUpdate({ target: tenantSettings.tenantId, set: { ...values, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx, { action: 'settings.security_updated', resourceType: 'tenant', resourceId: tenantId, details: { before: before ?? { mfaRequired: false }, after: values } });
    return values;
  });
}

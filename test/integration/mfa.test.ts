import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { signIn } from '@/lib/data/internal/sign-in';
import { unsafeConsumePasswordToken } from '@/lib/data/internal/password-tokens';
import { confirmMfaEnrolment, disableMfa, getMyMfa, regenerateRecoveryCodes, startMfaEnrolment, updateSecuritySettings } from '@/lib/data/mfa';
import { registerTenant } from '@/lib/data/registry';
import { listUsers } from '@/lib/data/users';
import { can } from '@/lib/rbac';
import { contextFor, meta, owner } from '../support/world';

const PASSWORD = 'a-long-admin-password';

/** A tenant of its own (its policy and lockouts touch no other test), with its admin signed in. */
async function freshAdmin() {
  const slug = `mfa-${randomBytes(3).toString('hex')}`;
  const email = `boss@${slug}.example`;
  const { setPasswordPath } = await registerTenant(await contextFor('platform', 'ops@platform.example'), { slug, name: `MFA ${slug}`, adminEmail: email });
  const token = new URL(setPasswordPath, 'http://x').searchParams.get('token')!;
  expect(await unsafeConsumePasswordToken({ tenantSlug: slug, token, password: PASSWORD }, meta)).toBe(true);
  // An address of its own: the wrong codes here count against it, not against other tests' sign-ins.
  const from = { ...meta, ip: `198.51.100.${1 + (randomBytes(1)[0]! % 250)}` };
  const login = (code?: string, password = PASSWORD) => signIn({ tenantSlug: slug, email, password, code }, from);
  const session = await login();
  if (!session.ok) throw new Error('sign-in failed');
  return { slug, email, login, ctx: await resolveContext(session, null, meta) };
}

/** The code an app shows one step (30 s) from now: newer than any code accepted in this step. */
const nextCode = (secret: string, steps = 1) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * steps });

describe('two-factor authentication', () => {
  it('enrols with a code, then signs in only with a fresh code or an unused recovery code', async () => {
    const { ctx, login } = await freshAdmin();
    expect(await getMyMfa(ctx)).toMatchObject({ enabled: false, enrolling: false });
    const enrolment = await startMfaEnrolment(ctx);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // A wrong first code turns nothing on.
    await expect(confirmMfaEnrolment(ctx, { code: '000000' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await getMyMfa(ctx)).toMatchObject({ enabled: false, enrolling: true });

    const { recoveryCodes } = await confirmMfaEnrolment(ctx, { code: await generate({ secret: enrolment.secret }) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await getMyMfa(ctx)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // Only hashes are stored.
    const stored = await owner()`select code_hash from mfa_recovery_codes where user_id = ${ctx.user.id}`;
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]!.replace('-', ''));

    // The password alone now asks for the code; a wrong code is refused.
    expect(await login()).toEqual({ ok: false, reason: 'mfa_required' });
    expect(await login('123456')).toEqual({ ok: false, reason: 'invalid' });
    // The right password with a fresh code opens a session; the same code never works twice.
    const code = await nextCode(enrolment.secret);
    expect((await login(code)).ok).toBe(true);
    expect(await login(code)).toEqual({ ok: false, reason: 'invalid' });
    // A wrong password with a right code is still a wrong password.
    expect(await login(await nextCode(enrolment.secret, 2), 'not-the-password')).toEqual({ ok: false, reason: 'invalid' });

    // A recovery code works once, typed in any case.
    expect((await login(recoveryCodes[0]!.toUpperCase())).ok).toBe(true);
    expect(await login(recoveryCodes[0])).toEqual({ ok: false, reason: 'invalid' });
    expect(await getMyMfa(ctx)).toMatchObject({ recoveryCodesLeft: 9 });
    const audit = await owner()`select action from audit_events where tenant_id = ${ctx.homeTenant.id} and action like 'account.mfa%'`;
    expect(audit.map((a) => a.action)).toEqual(['account.mfa_enabled']);
  });

  it('counts wrong codes as failed sign-ins: the fifth locks the account, and then even a right code is refused', async () => {
    const { ctx, login } = await freshAdmin();
    const { secret } = await startMfaEnrolment(ctx);
    await confirmMfaEnrolment(ctx, { code: await generate({ secret }) });
    for (let i = 0; i < 5; i++) expect(await login('000000')).toEqual({ ok: false, reason: 'invalid' });
    expect(await login(await nextCode(secret))).toEqual({ ok: false, reason: 'locked' });
    // The owner is told the password was right: someone knows it.
    const [mail] = await owner()`select body from mail_outbox where tenant_id = ${ctx.homeTenant.id} and subject like '%locked'`;
    expect(mail!.body).toContain('someone knows your password');
  });

  it('turns off only with a current code, and new recovery codes replace the old', async () => {
    const { ctx, login } = await freshAdmin();
    const { secret } = await startMfaEnrolment(ctx);
    const first = await confirmMfaEnrolment(ctx, { code: await generate({ secret }) });
    await expect(startMfaEnrolment(ctx)).rejects.toMatchObject({ code: 'CONFLICT' });

    await expect(regenerateRecoveryCodes(ctx, { code: '999999' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const second = await regenerateRecoveryCodes(ctx, { code: await nextCode(secret) });
    expect(second.recoveryCodes).toHaveLength(10);
    expect(await login(first.recoveryCodes[1])).toEqual({ ok: false, reason: 'invalid' });

    await expect(disableMfa(ctx, { code: '111111' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await getMyMfa(ctx)).toMatchObject({ enabled: true });
    await disableMfa(ctx, { code: second.recoveryCodes[0]! });
    expect(await getMyMfa(ctx)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect((await login()).ok).toBe(true);
    expect(await owner()`select 1 from mfa_recovery_codes where user_id = ${ctx.user.id}`).toHaveLength(0);
    await expect(disableMfa(ctx, { code: '123456' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('stops guessing at the settings after 5 wrong codes in 15 minutes', async () => {
    const { ctx } = await freshAdmin();
    const { secret } = await startMfaEnrolment(ctx);
    await confirmMfaEnrolment(ctx, { code: await generate({ secret }) });
    for (let i = 0; i < 5; i++) await expect(disableMfa(ctx, { code: '000000' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(disableMfa(ctx, { code: await nextCode(secret) })).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', details: { retryAfterSeconds: 900 } });
    expect(await getMyMfa(ctx)).toMatchObject({ enabled: true });
  });

  it("holds staff to their own account while the tenant requires a factor they lack, and frees them once enrolled", async () => {
    const { ctx, login } = await freshAdmin();
    expect(can(ctx, 'users.read')).toBe(true);
    await updateSecuritySettings(ctx, { mfaRequired: true });

    const held = await login();
    if (!held.ok) throw new Error('sign-in failed');
    const heldCtx = await resolveContext(held, null, meta);
    expect(heldCtx.user).toMatchObject({ mfaRequired: true, mfaPending: true });
    expect(can(heldCtx, 'users.read')).toBe(false);
    expect(can(heldCtx, 'account.sessions.manage')).toBe(true);
    await expect(listUsers(heldCtx, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The tenant's settings are out of reach too: nobody can switch the rule off without a factor.
    await expect(updateSecuritySettings(heldCtx, { mfaRequired: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const { secret } = await startMfaEnrolment(heldCtx);
    await confirmMfaEnrolment(heldCtx, { code: await generate({ secret }) });
    const freed = await resolveContext({ sessionId: heldCtx.sessionId, userId: heldCtx.user.id, tenantId: heldCtx.homeTenant.id }, null, meta);
    expect(freed.user.mfaPending).toBe(false);
    expect(can(freed, 'users.read')).toBe(true);
    expect((await listUsers(freed, {})).items.length).toBeGreaterThan(0);
  });

  it("acting in a managed tenant, it is still the caller's own account at home", async () => {
    const throughLink = await contextFor('acme-msp', 'alice@acme-msp.example', 'northwind');
    expect(throughLink.via).toBe('link');
    const { secret } = await startMfaEnrolment(throughLink);
    try {
      const rows = await owner()`select tenant_id, user_id, enabled_at from user_mfa where secret = ${secret}`;
      expect(rows).toEqual([{ tenant_id: throughLink.homeTenant.id, user_id: throughLink.user.id, enabled_at: null }]);
    } finally {
      await owner()`delete from user_mfa where secret = ${secret}`;
    }
  });
});

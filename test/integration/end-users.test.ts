import { describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { getAccount, changePassword, updateProfile } from '@/lib/data/account';
import { unsafeSignUp, unsafeVerifyEmail, SIGNUP_ACCEPTED, SIGNUP_LIMITS } from '@/lib/data/internal/signup';
import { signIn } from '@/lib/data/internal/sign-in';
import { countOperation } from '@/lib/data/internal/usage';
import { updateEndUserSettings, defaultEndUserSettings } from '@/lib/data/end-user-settings';
import { can } from '@/lib/rbac';
import { DEMO_PASSWORD } from '@/db/seed';
import { contextFor, meta, owner, tenantId, userId } from '../support/world';

const PASSWORD = 'a-long-and-unusual-passphrase';
const signup = (email: string, extra: Partial<Parameters<typeof unsafeSignUp>[0]> = {}, ip = '198.51.100.7') =>
  unsafeSignUp({ tenant: 'northwind', name: 'New Person', email, password: PASSWORD, acceptTerms: true, ...extra }, { ...meta, ip });

/** The one-time link a mail in the outbox carries. */
async function tokenMailedTo(email: string, subject: RegExp): Promise<string> {
  const rows = await owner()`select subject, body from mail_outbox where to_address = ${email} order by created_at desc`;
  const mail = rows.find((r) => subject.test(r.subject as string));
  if (!mail) throw new Error(`no mail to ${email} matching ${subject}`);
  return /token=([\w-]+)/.exec(mail.body as string)![1]!;
}

describe('self sign-up', () => {
  it('creates an unconfirmed guest who sees only My account until the mailed link confirms the address', async () => {
    expect(await signup('new.person@example.net')).toEqual({ message: SIGNUP_ACCEPTED });
    const uid = await userId('northwind', 'new.person@example.net');
    const [row] = await owner()`select type, status, email_verified_at, password_hash from users where id = ${uid}`;
    expect(row).toMatchObject({ type: 'guest', status: 'active', email_verified_at: null });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);

    const result = await signIn({ tenantSlug: 'northwind', email: 'new.person@example.net', password: PASSWORD }, meta);
    expect(result.ok).toBe(true);
    const claims = result.ok ? { sessionId: result.sessionId, userId: result.userId, tenantId: result.tenantId } : null;
    const before = await resolveContext(claims!, null, meta);
    expect([...before.homePermissions].sort()).toEqual(['account.read', 'account.sessions.manage', 'account.write']);
    expect(can(before, 'account.kyc')).toBe(false);

    const token = await tokenMailedTo('new.person@example.net', /confirm your email/);
    // The mail holds the link; the database holds only its hash.
    expect(await owner()`select 1 from password_tokens where token_hash = ${token}`).toHaveLength(0);
    expect(await unsafeVerifyEmail({ tenant: 'northwind', token }, meta)).toEqual({ email: 'new.person@example.net' });
    expect(await unsafeVerifyEmail({ tenant: 'northwind', token }, meta)).toBeNull();
    const after = await resolveContext(claims!, null, meta);
    expect(can(after, 'account.kyc')).toBe(true);
    const [audit] = await owner()`select action from audit_events where resource_id = ${uid} and action = 'auth.email_verified'`;
    expect(audit).toBeDefined();
  });

  it('answers a taken address exactly like a new one, and tells the owner instead', async () => {
    const before = await owner()`select count(*)::int as n from users where tenant_id = ${await tenantId('northwind')}`;
    expect(await signup('basic@northwind.example')).toEqual({ message: SIGNUP_ACCEPTED });
    expect(await signup('BASIC@northwind.example')).toEqual({ message: SIGNUP_ACCEPTED });
    const after = await owner()`select count(*)::int as n from users where tenant_id = ${await tenantId('northwind')}`;
    expect(after[0]!.n).toBe(before[0]!.n);
    const mails = await owner()`select subject from mail_outbox where to_address = 'basic@northwind.example'`;
    expect(mails.map((m) => m.subject)).toContain('Northwind Fiber: someone tried to sign up with your address');
    // The existing password still works: nothing about the account changed.
    expect((await signIn({ tenantSlug: 'northwind', email: 'basic@northwind.example', password: DEMO_PASSWORD }, meta)).ok).toBe(true);
  });

  it('the same address in another tenant is another account', async () => {
    await signup('pat@example.com', { tenant: 'contoso' });
    const rows = await owner()`select t.slug from users u join tenants t on t.id = u.tenant_id where lower(u.email) = 'pat@example.com' order by t.slug`;
    expect(rows.map((r) => r.slug)).toEqual(['contoso', 'globex', 'northwind']);
  });

  it('refuses common and short passwords, and a tenant that turned sign-up off', async () => {
    await expect(signup('weak@example.net', { password: 'password1234' })).rejects.toThrow();
    await expect(signup('short@example.net', { password: 'short' })).rejects.toThrow();
    const admin = await contextFor('northwind', 'admin@northwind.example');
    await updateEndUserSettings(admin, { ...defaultEndUserSettings, selfSignup: false });
    await expect(signup('closed@example.net')).rejects.toMatchObject({ code: 'FORBIDDEN', message: /Northwind Fiber does not take sign-ups/ });
    await expect(signup('x@example.net', { tenant: 'platform' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await owner()`select 1 from users where email in ('weak@example.net', 'short@example.net', 'closed@example.net')`).toHaveLength(0);
  });

  it('is throttled per IP: past the limit in an hour, 429 with when to retry, and nothing created', async () => {
    for (let i = 0; i < SIGNUP_LIMITS.perIp; i++) await signup(`burst-${i}@example.net`, {}, '203.0.113.9');
    const refused = await signup('one-too-many@example.net', {}, '203.0.113.9').catch((e) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    expect(refused.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(await owner()`select 1 from users where email = 'one-too-many@example.net'`).toHaveLength(0);
    // Another address is not throttled by it.
    await expect(signup('elsewhere@example.net', {}, '203.0.113.10')).resolves.toEqual({ message: SIGNUP_ACCEPTED });
  });
});

describe('My account', () => {
  it('shows quota meters and, for an idle guest, until when and why', async () => {
    const guest = ['northwind', 'guest@northwind.example'] as const;
    for (let i = 0; i < 3; i++) await countOperation(await contextFor(...guest));
    let account = await getAccount(await contextFor(...guest));
    expect(account.usage).toMatchObject({ opsPerDay: 5, opsPerWeek: 20, usedToday: 3, usedThisWeek: 3, idleUntil: null });
    for (let i = 0; i < 2; i++) await countOperation(await contextFor(...guest));
    await expect(countOperation(await contextFor(...guest))).rejects.toMatchObject({ code: 'USAGE_LIMIT_EXCEEDED' });
    account = await getAccount(await contextFor(...guest));
    expect(account.status).toBe('idle');
    expect(account.usage.idleBecause).toBe('day');
    const until = Date.parse(account.usage.idleUntil!);
    expect(until).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(until).toBeLessThan(Date.now() + 24 * 3600_000 + 60_000);
    expect(account.kyc).toMatchObject({ state: 'not_started', nextAction: expect.stringMatching(/Verify your identity/) });
  });

  it('a password change ends the other sessions; a new email waits for its confirmation', async () => {
    const ben = ['northwind', 'basic@northwind.example'] as const;
    const other = await contextFor(...ben);
    const me = await contextFor(...ben);
    await expect(changePassword(me, { current: 'wrong-password-123', password: PASSWORD, confirm: PASSWORD })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await changePassword(me, { current: DEMO_PASSWORD, password: PASSWORD, confirm: PASSWORD })).toMatchObject({ endedSessions: expect.any(Number) });
    const [ended] = await owner()`select revoked_reason from sessions where id = ${other.sessionId}`;
    expect(ended!.revoked_reason).toBe('password_changed');
    await expect(resolveContext({ sessionId: other.sessionId, userId: other.user.id, tenantId: other.homeTenant.id }, null, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await resolveContext({ sessionId: me.sessionId, userId: me.user.id, tenantId: me.homeTenant.id }, null, meta);

    const changed = await updateProfile(await contextFor('northwind', 'basic@northwind.example'), { name: 'Ben B. Basic', email: 'ben.new@example.net' });
    expect(changed).toEqual({ name: 'Ben B. Basic', email: 'basic@northwind.example', pendingEmail: 'ben.new@example.net' });
    const token = await tokenMailedTo('ben.new@example.net', /confirm your new email/);
    await unsafeVerifyEmail({ tenant: 'northwind', token }, meta);
    const [row] = await owner()`select email, name from users where id = ${me.user.id}`;
    expect(row).toEqual({ email: 'ben.new@example.net', name: 'Ben B. Basic' });
  });
});

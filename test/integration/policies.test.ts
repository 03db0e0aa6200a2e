import { describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { countOperation, countsAsOperation } from '@/lib/data/internal/usage';
import { signIn } from '@/lib/data/internal/sign-in';
import { listPolicies, resetPolicy, updatePolicy } from '@/lib/data/policies';
import { DEMO_PASSWORD } from '@/db/seed';
import { contextFor, meta, openSession, owner, tenantId, userId } from '../support/world';

const admin = (slug: string) => contextFor(slug, `admin@${slug}.example`);
const statusOf = async (slug: string, email: string) =>
  (await owner()`select status from users where id = ${await userId(slug, email)}`)[0]!.status as string;

describe('session and usage policies', () => {
  it('shows the defaults, guests read-only', async () => {
    const policies = await listPolicies(await admin('northwind'));
    expect(policies.find((p) => p.userType === 'guest')).toMatchObject({ readOnly: true, fixedLifetimeMinutes: 20, opsPerDay: 5, opsPerWeek: 20, breachAction: 'idle' });
    expect(policies.find((p) => p.userType === 'basic')).toMatchObject({ readOnly: false, inactivityTimeoutMinutes: 30, opsPerDay: 20, opsPerWeek: 50 });
    expect(policies.find((p) => p.userType === 'company')).toMatchObject({ opsPerDay: null, inactivityTimeoutMinutes: null });
    await expect(
      updatePolicy(await admin('northwind'), { type: 'guest', policy: { inactivityTimeoutMinutes: null, opsPerDay: 50, opsPerWeek: 100, breachAction: 'warn', maxConcurrentSessions: null } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    // A quota on admins could lock the tenant out of its own settings: refused.
    await expect(
      updatePolicy(await admin('northwind'), { type: 'admin', policy: { inactivityTimeoutMinutes: null, opsPerDay: 3, opsPerWeek: null, breachAction: 'throttle', maxConcurrentSessions: null } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringMatching(/Admins have no operation quotas/) });
  });

  it("a guest's sixth operation of the day is refused and turns them idle, until the window frees", async () => {
    const guest = ['northwind', 'guest@northwind.example'] as const;
    for (let i = 0; i < 5; i++) await countOperation(await contextFor(...guest));
    await expect(countOperation(await contextFor(...guest))).rejects.toMatchObject({ code: 'USAGE_LIMIT_EXCEEDED', status: 429 });
    expect(await statusOf(...guest)).toBe('idle');
    // Idle users still sign in and see their account; operations stay refused.
    const idle = await contextFor(...guest);
    expect(idle.user.status).toBe('idle');
    await expect(countOperation(idle)).rejects.toThrow(/idle/);
    const uid = await userId(...guest);
    const [audit] = await owner()`select details from audit_events where action = 'usage.idle' and resource_id = ${uid}`;
    expect(audit!.details).toMatchObject({ opsPerDay: 5, usedToday: 5 });

    // A day later the rolling window has room again: the next operation lifts idle.
    await owner()`update usage_operations set at = at - interval '25 hours' where user_id = ${uid}`;
    await countOperation(await contextFor(...guest));
    expect(await statusOf(...guest)).toBe('active');
  });

  it('a basic user whose session sat past the inactivity timeout is signed out on the next request', async () => {
    await updatePolicy(await admin('northwind'), { type: 'basic', policy: { inactivityTimeoutMinutes: 5, opsPerDay: 20, opsPerWeek: 50, breachAction: 'warn', maxConcurrentSessions: null } });
    const claims = await openSession('northwind', 'basic@northwind.example');
    await resolveContext(claims, null, meta);
    await owner()`update sessions set last_seen_at = now() - interval '6 minutes' where id = ${claims.sessionId}`;
    await expect(resolveContext(claims, null, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/5 minutes/) });
    const [session] = await owner()`select revoked_reason from sessions where id = ${claims.sessionId}`;
    expect(session!.revoked_reason).toBe('inactivity');
    // Within the timeout the session stands and last_seen_at moves.
    const fresh = await openSession('northwind', 'basic@northwind.example');
    await owner()`update sessions set last_seen_at = now() - interval '4 minutes' where id = ${fresh.sessionId}`;
    await resolveContext(fresh, null, meta);
    const [touched] = await owner()`select now() - last_seen_at < interval '5 seconds' as recent from sessions where id = ${fresh.sessionId}`;
    expect(touched!.recent).toBe(true);
  });

  it('breach actions: throttle refuses without idling, warn lets it through; each change audited with before and after', async () => {
    const ben = ['northwind', 'basic@northwind.example'] as const;
    await updatePolicy(await admin('northwind'), { type: 'basic', policy: { inactivityTimeoutMinutes: 30, opsPerDay: 2, opsPerWeek: 10, breachAction: 'throttle', maxConcurrentSessions: null } });
    await countOperation(await contextFor(...ben));
    await countOperation(await contextFor(...ben));
    const refused = await countOperation(await contextFor(...ben)).catch((e) => e);
    expect(refused).toMatchObject({ code: 'USAGE_LIMIT_EXCEEDED' });
    expect(refused.details.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    expect(await statusOf(...ben)).toBe('active');

    await updatePolicy(await admin('northwind'), { type: 'basic', policy: { inactivityTimeoutMinutes: 30, opsPerDay: 2, opsPerWeek: 10, breachAction: 'warn', maxConcurrentSessions: null } });
    expect((await countOperation(await contextFor(...ben))).warning).toMatch(/2 a day/);
    const changes = await owner()`select details from audit_events where action = 'policy.update' and tenant_id = ${await tenantId('northwind')} order by seq`;
    expect(changes.at(-1)!.details).toMatchObject({ before: { breachAction: 'throttle' }, after: { breachAction: 'warn', opsPerDay: 2 } });
    await resetPolicy(await admin('northwind'), { type: 'basic' });
    expect((await listPolicies(await admin('northwind'))).find((p) => p.userType === 'basic')).toMatchObject({ opsPerDay: 20, customised: false });
  });

  it('advanced users have no quota; account actions never count', async () => {
    const ada = await contextFor('northwind', 'advanced@northwind.example');
    for (let i = 0; i < 30; i++) await countOperation(ada);
    const [row] = await owner()`select count(*)::int as n from usage_operations where user_id = ${ada.user.id}`;
    expect(row!.n).toBe(0);
    expect(countsAsOperation('account.read')).toBe(false);
    expect(countsAsOperation('account.sessions.manage')).toBe(false);
    expect(countsAsOperation('tickets.create')).toBe(true);
  });

  it('a cap on concurrent sessions ends the oldest at sign-in', async () => {
    await updatePolicy(await admin('globex'), { type: 'admin', policy: { inactivityTimeoutMinutes: null, opsPerDay: null, opsPerWeek: null, breachAction: 'warn', maxConcurrentSessions: 1 } });
    const first = await signIn({ tenantSlug: 'globex', email: 'admin@globex.example', password: DEMO_PASSWORD }, meta);
    const second = await signIn({ tenantSlug: 'globex', email: 'admin@globex.example', password: DEMO_PASSWORD }, meta);
    if (!first.ok || !second.ok) throw new Error('sign-in failed');
    const claims = (r: typeof first & { ok: true }) => ({ sessionId: r.sessionId, userId: r.userId, tenantId: r.tenantId });
    await expect(resolveContext(claims(first), null, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(resolveContext(claims(second), null, meta)).resolves.toMatchObject({ sessionId: second.sessionId });
    const [ended] = await owner()`select revoked_reason from sessions where id = ${first.sessionId}`;
    expect(ended!.revoked_reason).toBe('concurrent_limit');
  });

  it('guest sessions end 20 minutes after sign-in', async () => {
    const r = await signIn({ tenantSlug: 'northwind', email: 'guest@northwind.example', password: DEMO_PASSWORD }, meta);
    if (!r.ok) throw new Error('sign-in failed');
    const [s] = await owner()`select round(extract(epoch from expires_at - created_at) / 60)::int as minutes from sessions where id = ${r.sessionId}`;
    expect(s!.minutes).toBe(20);
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed';
import { resolveContext } from '@/lib/data/context';
import { endSession, LOCKOUT_ATTEMPTS, signIn } from '@/lib/data/internal/sign-in';
import { meta, owner, tenantId } from '../support/world';

const attempt = (tenantSlug: string, email: string, password = DEMO_PASSWORD, ip = '10.9.0.1') =>
  signIn({ tenantSlug, email, password }, { ...meta, ip });

describe('signing in', () => {
  it('opens a session in the named tenant, and the same email elsewhere is another account', async () => {
    const northwind = await attempt('northwind', 'pat@example.com');
    const globex = await attempt('globex', 'PAT@example.com ');
    if (!northwind.ok || !globex.ok) throw new Error('sign-in failed');
    expect(northwind.userId).not.toBe(globex.userId);
    const ctx = await resolveContext(globex, null, meta);
    expect(ctx.homeTenant.slug).toBe('globex');
    expect(ctx.user.name).toBe('Pat Globex');
  });

  it('answers the same for a wrong tenant, unknown email, wrong password and a stopped tenant', async () => {
    await owner()`update tenants set status = 'stopped' where slug = 'fabrikam'`;
    const results = await Promise.all([
      attempt('no-such-tenant', 'admin@globex.example'),
      attempt('globex', 'nobody@globex.example'),
      attempt('globex', 'admin@globex.example', 'wrong-password'),
      attempt('fabrikam', 'admin@fabrikam.example'),
      attempt('northwind', 'admin@globex.example'),
    ]);
    await owner()`update tenants set status = 'active' where slug = 'fabrikam'`;
    expect(results).toEqual(Array(5).fill({ ok: false, reason: 'invalid' }));
  });

  it('locks an account after five failures in 15 minutes, audits it once, and refuses even the right password', async () => {
    for (let i = 0; i < LOCKOUT_ATTEMPTS; i++) expect((await attempt('contoso', 'admin@contoso.example', 'nope')).ok).toBe(false);
    expect(await attempt('contoso', 'admin@contoso.example')).toEqual({ ok: false, reason: 'locked' });
    const events = await owner()`
      select action, outcome, resource_type from audit_events
      where tenant_id = ${await tenantId('contoso')} and action = 'auth.lockout'`;
    expect(events).toEqual([{ action: 'auth.lockout', outcome: 'denied', resource_type: 'user' }]);
    // Other accounts in the tenant are unaffected.
    expect((await attempt('contoso', 'ava.smith.1@contoso.example', DEMO_PASSWORD)).ok).toBe(true);
    await owner()`delete from auth_failures`;
    expect((await attempt('contoso', 'admin@contoso.example')).ok).toBe(true);
  });

  it('throttles an IP that keeps failing across accounts', async () => {
    for (let i = 0; i < 30; i++) await attempt('globex', `probe${i}@globex.example`, 'x', '10.7.7.7');
    expect(await attempt('globex', 'admin@globex.example', DEMO_PASSWORD, '10.7.7.7')).toEqual({ ok: false, reason: 'throttled' });
    expect((await attempt('globex', 'admin@globex.example', DEMO_PASSWORD, '10.7.7.8')).ok).toBe(true);
  });

  it('gives guests a fixed 20-minute session and ends sessions on sign-out', async () => {
    const guest = await attempt('northwind', 'guest@northwind.example');
    if (!guest.ok) throw new Error('sign-in failed');
    const [row] = await owner()`select extract(epoch from expires_at - created_at)::int as secs from sessions where id = ${guest.sessionId}`;
    expect(row!.secs).toBe(20 * 60);
    await endSession(guest, meta);
    await expect(resolveContext(guest, null, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const audit = await owner()`select action from audit_events where resource_id = ${guest.sessionId} order by seq`;
    expect(audit.map((a) => a.action)).toEqual(['auth.sign_in', 'auth.sign_out']);
  });
});

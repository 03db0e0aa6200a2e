import { describe, expect, it } from 'vitest';
import { LOCKOUT_ATTEMPTS, signIn } from '@/lib/data/internal/sign-in';
import { listLockedAccounts, unlockAccount, unsafeUnlockWithToken } from '@/lib/data/lockouts';
import { DEMO_PASSWORD } from '@/db/seed';
import { ALICE, contextFor, meta, owner, userId } from '../support/world';

const attempt = (email: string, password: string) => signIn({ tenantSlug: 'northwind', email, password }, meta);
async function lockOut(email: string) {
  for (let i = 0; i < LOCKOUT_ATTEMPTS; i++) expect((await attempt(email, 'wrong-password')).ok).toBe(false);
  expect(await attempt(email, DEMO_PASSWORD)).toEqual({ ok: false, reason: 'locked' });
}
async function unlockLink(email: string): Promise<string> {
  const [mail] = await owner()`select subject, body from mail_outbox where to_address = ${email} and subject like '%locked%'`;
  expect(mail!.subject).toBe('Northwind Fiber: your account was locked');
  return /unlock\?token=([\w-]+)/.exec(mail!.body as string)![1]!;
}

describe('sign-in lockouts', () => {
  it('mails the owner a one-time link that unlocks the account at once', async () => {
    await lockOut('basic@northwind.example');
    const token = await unlockLink('basic@northwind.example');
    expect(await unsafeUnlockWithToken({ tenant: 'globex', token }, meta)).toBe(false);
    expect(await unsafeUnlockWithToken({ tenant: 'northwind', token }, meta)).toBe(true);
    expect(await unsafeUnlockWithToken({ tenant: 'northwind', token }, meta)).toBe(false);
    expect((await attempt('basic@northwind.example', DEMO_PASSWORD)).ok).toBe(true);
    const [audit] = await owner()`select details from audit_events where action = 'auth.unlocked' and resource_id = ${await userId('northwind', 'basic@northwind.example')}`;
    expect(audit!.details).toEqual({ by: 'owner' });
  });

  it('shows admins the locked accounts and lets them unlock one; through a link, subscribers only', async () => {
    await lockOut('basic@northwind.example');
    await lockOut('reviewer@northwind.example');
    const admin = await contextFor('northwind', 'admin@northwind.example');
    const locked = await listLockedAccounts(admin);
    expect(locked.map((l) => l.email).sort()).toEqual(['basic@northwind.example', 'reviewer@northwind.example']);
    expect(Date.parse(locked[0]!.lockedUntil)).toBeGreaterThan(Date.now() + 14 * 60_000);
    // Nobody else's tenant shows them.
    expect(await listLockedAccounts(await contextFor('contoso', 'admin@contoso.example'))).toEqual([]);

    const alice = await contextFor(...ALICE, 'northwind');
    await expect(unlockAccount(alice, { id: await userId('northwind', 'reviewer@northwind.example') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await unlockAccount(alice, { id: await userId('northwind', 'basic@northwind.example') })).toEqual({ unlocked: true });
    expect(await unlockAccount(admin, { id: await userId('northwind', 'reviewer@northwind.example') })).toEqual({ unlocked: true });
    expect((await listLockedAccounts(admin)).length).toBe(0);
    expect((await attempt('reviewer@northwind.example', DEMO_PASSWORD)).ok).toBe(true);
    await expect(unlockAccount(admin, { id: await userId('globex', 'pat@example.com') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@/db/seed';
import { resolveContext } from '@/lib/data/context';
import { signIn } from '@/lib/data/internal/sign-in';
import { unsafeConsumePasswordToken } from '@/lib/data/internal/password-tokens';
import { listTenants, registerTenant, setTenantStatus, updateTenant } from '@/lib/data/registry';
import { ALICE, contextFor, meta, openSession, owner, tenantId } from '../support/world';

const ops = () => contextFor('platform', 'ops@platform.example');
const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('token')!;

describe('the partner registry', () => {
  it('registers a tenant whose first admin sets a password once and signs in', async () => {
    const { tenant, setPasswordPath } = await registerTenant(await ops(), {
      slug: 'initech',
      name: 'Initech Fiber',
      country: 'US',
      adminEmail: 'boss@initech.example',
    });
    expect(tenant).toMatchObject({ slug: 'initech', status: 'active', country: 'us', users: 1, liveLinks: 0 });
    expect(setPasswordPath).toMatch(/^\/t\/initech\/set-password\?token=[\w-]{40,}$/);
    const [mail] = await owner()`select to_address, body from mail_outbox where tenant_id = ${tenant.id}`;
    expect(mail).toMatchObject({ to_address: 'boss@initech.example' });
    expect(mail!.body).toContain(setPasswordPath);
    const [stored] = await owner()`select token_hash from password_tokens where tenant_id = ${tenant.id}`;
    expect(stored!.token_hash).not.toContain(tokenOf(setPasswordPath));

    expect((await signIn({ tenantSlug: 'initech', email: 'boss@initech.example', password: 'a-new-password-1' }, meta)).ok).toBe(false);
    const set = { tenantSlug: 'initech', token: tokenOf(setPasswordPath), password: 'a-new-password-1' };
    expect(await unsafeConsumePasswordToken(set, meta)).toBe(true);
    expect(await unsafeConsumePasswordToken({ ...set, password: 'attacker-password' }, meta)).toBe(false);
    const session = await signIn({ tenantSlug: 'initech', email: 'boss@initech.example', password: 'a-new-password-1' }, meta);
    if (!session.ok) throw new Error('sign-in failed');
    const ctx = await resolveContext(session, null, meta);
    expect(ctx.permissions.has('roles.write')).toBe(true);
    expect(ctx.homePermissions.has('platform.tenants.manage')).toBe(false);
    const actions = await owner()`select tenant_id, action from audit_events where action in ('tenant.register', 'tenant.registered') order by seq`;
    expect(actions).toEqual([
      { tenant_id: await tenantId('platform'), action: 'tenant.register' },
      { tenant_id: tenant.id, action: 'tenant.registered' },
    ]);
  });

  it('refuses a taken or malformed slug, and leaves nothing half-written', async () => {
    const ctx = await ops();
    await expect(registerTenant(ctx, { slug: 'globex', name: 'Globex Again', adminEmail: 'a@b.example' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(registerTenant(ctx, { slug: 'Bad Slug!', name: 'Bad', adminEmail: 'a@b.example' })).rejects.toThrow(/lowercase/);
    // "all" is the All-tenants view's slug; the refusal names the field.
    await expect(registerTenant(ctx, { slug: 'ALL', name: 'All', adminEmail: 'a@b.example' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['slug'], message: expect.stringMatching(/reserved/) })],
    });
    const [row] = await owner()`select count(*)::int as n from tenants where name = 'Globex Again'`;
    expect(row!.n).toBe(0);
  });

  it('is for platform operators only', async () => {
    const acmeAdmin = await contextFor('acme-msp', 'admin@acme-msp.example');
    await expect(listTenants(acmeAdmin, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setTenantStatus(acmeAdmin, { id: await tenantId('globex'), status: 'stopped' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists names, status and counts, never tenant data', async () => {
    const page = await listTenants(await ops(), { search: 'north' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ slug: 'northwind', users: 213, liveLinks: 1 });
    expect(Object.keys(page.items[0]!).sort()).toEqual(
      ['contactEmail', 'country', 'deletedAt', 'id', 'legalName', 'liveLinks', 'name', 'onboardedOn', 'providerCode', 'slug', 'status', 'stoppedAt', 'users'].sort(),
    );
    const stopped = await listTenants(await ops(), { status: 'stopped' });
    expect(stopped.items).toEqual([]);
  });

  it('stopping ends sessions and links at once; reactivating brings back neither', async () => {
    const ctx = await ops();
    const northwind = await tenantId('northwind');
    const alice = await openSession(...ALICE);
    const nwAdmin = await openSession('northwind', 'admin@northwind.example');
    await setTenantStatus(ctx, { id: northwind, status: 'stopped' });
    await expect(resolveContext(nwAdmin, null, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(resolveContext(alice, { slug: 'northwind' }, meta)).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });
    expect((await signIn({ tenantSlug: 'northwind', email: 'admin@northwind.example', password: DEMO_PASSWORD }, meta)).ok).toBe(false);

    await setTenantStatus(ctx, { id: northwind, status: 'active' });
    const [link] = await owner()`select status from partner_tenant_links where managed_tenant_id = ${northwind}`;
    expect(link).toEqual({ status: 'revoked' });
    await expect(resolveContext(nwAdmin, null, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(resolveContext(alice, { slug: 'northwind' }, meta)).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });
    expect((await signIn({ tenantSlug: 'northwind', email: 'admin@northwind.example', password: DEMO_PASSWORD }, meta)).ok).toBe(true);
    await expect(setTenantStatus(ctx, { id: await tenantId('platform'), status: 'stopped' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('edits registry fields and audits before and after', async () => {
    const globex = await tenantId('globex');
    const updated = await updateTenant(await ops(), { id: globex, legalName: 'Globex Networks plc' });
    expect(updated.legalName).toBe('Globex Networks plc');
    const [event] = await owner()`select details from audit_events where action = 'tenant.update' and resource_id = ${globex}`;
    expect(event!.details).toMatchObject({ before: { legalName: 'Globex Networks Ltd' }, after: { legalName: 'Globex Networks plc' } });
    // An emptied optional field is cleared; an absent one is kept.
    const cleared = await updateTenant(await ops(), { id: globex, legalName: '', country: null });
    expect(cleared).toMatchObject({ legalName: null, country: null, contactEmail: 'admin@globex.example', name: 'Globex Networks' });
  });
});

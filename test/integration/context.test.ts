import { describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/rbac';
import { ALICE, AUDREY, SAM, contextFor, meta, openSession, owner, tenantId } from '../support/world';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe('acting in a managed tenant', () => {
  it('lets alice (partner_msp_full) work northwind (msp_full) in every linked area', async () => {
    const ctx = await contextFor(...ALICE, 'northwind');
    expect(ctx).toMatchObject({ via: 'link', activeTenant: { slug: 'northwind' }, link: { accessRole: 'msp_full' } });
    for (const p of ['users.read', 'billing.invoices.read', 'billing.invoices.export', 'tickets.create', 'audit.read'] as const) {
      expect(can(ctx, p), p).toBe(true);
    }
    // Never through a link: the managed tenant's own configuration.
    for (const p of ['roles.write', 'settings.write', 'links.manage', 'account.sessions.manage'] as const) {
      expect(can(ctx, p), p).toBe(p === 'account.sessions.manage');
    }
  });

  it('gives sam (partner_msp_support) tickets but not invoices or users, even on an msp_full link', async () => {
    const ctx = await contextFor(...SAM, 'northwind');
    expect(can(ctx, 'tickets.update')).toBe(true);
    expect(can(ctx, 'billing.invoices.read')).toBe(false);
    expect(can(ctx, 'users.read')).toBe(false);
  });

  it('gives nobody on an msp_support link access to users', async () => {
    const ctx = await contextFor(...ALICE, 'contoso');
    expect(can(ctx, 'users.read')).toBe(false);
    expect(can(ctx, 'tickets.create')).toBe(true);
    expect(can(ctx, 'billing.invoices.export')).toBe(false);
  });

  it('lets audrey (partner_auditor) read but never write', async () => {
    const ctx = await contextFor(...AUDREY, 'northwind');
    expect(can(ctx, 'audit.read')).toBe(true);
    expect(can(ctx, 'billing.invoices.read')).toBe(true);
    // Exports are reads that produce a file; everything else that is not a read changes data.
    const writes = [...ctx.permissions.keys()].filter((p) => !p.endsWith('.read') && !p.endsWith('.export'));
    expect(writes).toEqual([]);
  });

  it('refuses a home user without partner.tenants.switch_context', async () => {
    expect(await code(contextFor('acme-msp', 'admin@acme-msp.example', 'northwind'))).toBe('ok');
    const plain = await owner()`
      select r.id from roles r join tenants t on t.id = r.tenant_id where t.slug = 'acme-msp' and r.key = 'partner_msp_support'`;
    await owner()`delete from role_permissions where role_id = ${plain[0]!.id} and permission = 'partner.tenants.switch_context'`;
    expect(await code(contextFor(...SAM, 'northwind'))).toBe('TENANT_ACCESS_DENIED');
  });
});

describe('link validity, checked on every request', () => {
  it('refuses an expired link with TENANT_LINK_EXPIRED', async () => {
    expect(await code(contextFor(...ALICE, 'fabrikam'))).toBe('TENANT_LINK_EXPIRED');
  });

  it('refuses an unlinked tenant, by slug or by id', async () => {
    expect(await code(contextFor(...ALICE, 'globex'))).toBe('TENANT_ACCESS_DENIED');
    const claims = await openSession(...ALICE);
    expect(await code(resolveContext(claims, { id: await tenantId('globex') }, meta))).toBe('TENANT_ACCESS_DENIED');
    expect(await code(resolveContext(claims, { id: '00000000-0000-4000-8000-000000000000' }, meta))).toBe('TENANT_ACCESS_DENIED');
    // Each refusal is audited in alice's home tenant, never in the tenant she tried.
    const [acme, globex] = [await tenantId('acme-msp'), await tenantId('globex')];
    const events = await owner()`select tenant_id, actor_label, resource_id, outcome, details->>'code' as code, details->>'requested' as requested
      from audit_events where action = 'tenant.access_denied'
        and details->>'requested' in ('globex', ${globex}, '00000000-0000-4000-8000-000000000000') order by seq`;
    expect(events).toEqual([
      { tenant_id: acme, actor_label: 'alice@acme-msp.example', resource_id: globex, outcome: 'denied', code: 'TENANT_ACCESS_DENIED', requested: 'globex' },
      { tenant_id: acme, actor_label: 'alice@acme-msp.example', resource_id: globex, outcome: 'denied', code: 'TENANT_ACCESS_DENIED', requested: globex },
      { tenant_id: acme, actor_label: 'alice@acme-msp.example', resource_id: null, outcome: 'denied', code: 'TENANT_ACCESS_DENIED', requested: '00000000-0000-4000-8000-000000000000' },
    ]);
  });

  it('refuses a link that has not started yet', async () => {
    await owner()`update partner_tenant_links set starts_at = now() + interval '2 days'
      where managed_tenant_id = (select id from tenants where slug = 'contoso')`;
    expect(await code(contextFor(...ALICE, 'contoso'))).toBe('TENANT_ACCESS_DENIED');
  });

  it('loses access on the very next request after a revocation', async () => {
    const claims = await openSession(...ALICE);
    expect(await code(resolveContext(claims, { slug: 'northwind' }, meta))).toBe('ok');
    await owner()`update partner_tenant_links set status = 'revoked', revoked_at = now()
      where managed_tenant_id = (select id from tenants where slug = 'northwind')`;
    expect(await code(resolveContext(claims, { slug: 'northwind' }, meta))).toBe('TENANT_ACCESS_DENIED');
    await owner()`update partner_tenant_links set status = 'active', revoked_at = null
      where managed_tenant_id = (select id from tenants where slug = 'northwind')`;
  });

  it('loses access when the managed tenant is stopped, and signs everyone out when the home tenant is', async () => {
    const claims = await openSession(...ALICE);
    await owner()`update tenants set status = 'stopped' where slug = 'northwind'`;
    expect(await code(resolveContext(claims, { slug: 'northwind' }, meta))).toBe('TENANT_ACCESS_DENIED');
    await owner()`update tenants set status = 'active' where slug = 'northwind'`;
    await owner()`update tenants set status = 'stopped' where slug = 'acme-msp'`;
    expect(await code(resolveContext(claims, null, meta))).toBe('UNAUTHORIZED');
    await owner()`update tenants set status = 'active' where slug = 'acme-msp'`;
    expect(await code(resolveContext(claims, null, meta))).toBe('ok');
  });
});

describe('sessions', () => {
  it('fails on the next request once revoked or expired', async () => {
    const claims = await openSession('northwind', 'basic@northwind.example');
    expect(await code(resolveContext(claims, null, meta))).toBe('ok');
    await owner()`update sessions set expires_at = now() - interval '1 second' where id = ${claims.sessionId}`;
    expect(await code(resolveContext(claims, null, meta))).toBe('UNAUTHORIZED');
    const other = await openSession('northwind', 'basic@northwind.example');
    await owner()`update sessions set revoked_at = now() where id = ${other.sessionId}`;
    expect(await code(resolveContext(other, null, meta))).toBe('UNAUTHORIZED');
  });

  it('does not accept a session presented for another tenant or user', async () => {
    const claims = await openSession('northwind', 'basic@northwind.example');
    const globex = await tenantId('globex');
    expect(await code(resolveContext({ ...claims, tenantId: globex }, null, meta))).toBe('UNAUTHORIZED');
    expect(await code(resolveContext({ ...claims, userId: claims.tenantId }, null, meta))).toBe('UNAUTHORIZED');
    expect(await code(resolveContext({ ...claims, sessionId: 'not-a-uuid' }, null, meta))).toBe('UNAUTHORIZED');
  });
});

describe('the one-statement context read', () => {
  it('leaves no tenant setting behind on its connection', async () => {
    const postgres = (await import('postgres')).default;
    const one = postgres(process.env.DATABASE_APP_URL!, { max: 1, onnotice: () => {} });
    try {
      const claims = await openSession(...ALICE);
      const [read] = await one`select portal_request_context(${claims.tenantId}, ${claims.userId}, ${claims.sessionId}, null, 'northwind', '{}', '{}') as ctx`;
      expect(read!.ctx.home.email).toBe('alice@acme-msp.example');
      expect(read!.ctx.target.slug).toBe('northwind');
      // The same connection, next statement: no scope, so every tenant table reads empty.
      const [after] = await one`select coalesce(current_setting('app.tenant_id', true), '') as t, (select count(*)::int from users) as users`;
      expect(after).toEqual({ t: '', users: 0 });
    } finally {
      await one.end();
    }
  });

  it('reads only the caller tenant: a session id from another tenant finds nothing', async () => {
    const alice = await openSession(...ALICE);
    const other = await openSession('globex', 'admin@globex.example');
    await expect(resolveContext({ ...alice, sessionId: other.sessionId }, null, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(resolveContext({ ...other, tenantId: alice.tenantId }, null, meta)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

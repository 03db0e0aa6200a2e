import { describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { createLinkDirect, listTenantLinks, platformRevokeLink } from '@/lib/data/links';
import { getTenantRateLimits, setTenantRateLimits } from '@/lib/data/policies';
import { contextFor, meta, openSession, owner, tenantId } from '../support/world';

const ops = () => contextFor('platform', 'ops@platform.example');

describe('platform operators and links', () => {
  it('create a live link directly, and revoke it: access follows on the next request', async () => {
    const globex = await tenantId('globex');
    const link = await createLinkDirect(await ops(), { partnerTenantId: globex, link: { managedSlug: 'contoso', accessRole: 'auditor' } });
    expect(link).toMatchObject({ status: 'active', state: 'active', partner: { slug: 'globex' }, managed: { slug: 'contoso' } });

    // globex's admin holds partner.* through the admin role: the link is usable at once.
    const claims = await openSession('globex', 'admin@globex.example');
    const ctx = await resolveContext(claims, { slug: 'contoso' }, meta);
    expect(ctx.via).toBe('link');
    expect(ctx.permissions.has('users.read')).toBe(false);
    expect(ctx.permissions.has('audit.read')).toBe(true);

    const revoked = await platformRevokeLink(await ops(), { tenantId: await tenantId('contoso'), linkId: link.id });
    expect(revoked.status).toBe('revoked');
    await expect(resolveContext(claims, { slug: 'contoso' }, meta)).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });

    const audited = await owner()`select t.slug, e.action, e.via from audit_events e join tenants t on t.id = e.tenant_id
      where e.resource_id = ${link.id} order by e.seq`;
    expect(audited).toEqual([
      { slug: 'globex', action: 'link.create', via: 'platform' },
      { slug: 'contoso', action: 'link.create', via: 'platform' },
      { slug: 'platform', action: 'link.create', via: 'home' },
      { slug: 'globex', action: 'link.revoke', via: 'platform' },
      { slug: 'contoso', action: 'link.revoke', via: 'platform' },
      { slug: 'platform', action: 'link.revoke', via: 'home' },
    ]);
  });

  it('the database rules hold for direct links too, and nobody else may create them', async () => {
    const acme = await tenantId('acme-msp');
    await expect(createLinkDirect(await ops(), { partnerTenantId: acme, link: { managedSlug: 'northwind', accessRole: 'msp_full' } })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'These tenants already have a live link for that period.',
    });
    await expect(createLinkDirect(await ops(), { partnerTenantId: acme, link: { managedSlug: 'platform', accessRole: 'auditor' } })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const admin = await contextFor('acme-msp', 'admin@acme-msp.example');
    await expect(createLinkDirect(admin, { partnerTenantId: acme, link: { managedSlug: 'globex', accessRole: 'auditor' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listTenantLinks(admin, { tenantId: acme })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listTenantLinks(await ops(), { tenantId: acme })).map((l) => l.managed.slug).sort()).toEqual(['contoso', 'fabrikam', 'northwind']);
  });

  it('set a tenant rate limits, audited in both tenants with before and after', async () => {
    const globex = await tenantId('globex');
    expect(await getTenantRateLimits(await ops(), { tenantId: globex })).toMatchObject({ listPerMinute: 100, customised: false });
    await setTenantRateLimits(await ops(), { tenantId: globex, limits: { listPerMinute: 3, detailPerMinute: 200, writePerMinute: 50, exportPerHour: 10, linkPerMinute: 500 } });
    const ctx = await contextFor('globex', 'admin@globex.example');
    expect(ctx.rateLimits.listPerMinute).toBe(3);
    const audited = await owner()`select t.slug, e.details from audit_events e join tenants t on t.id = e.tenant_id where e.action = 'rate_limits.update' order by t.slug`;
    expect(audited.map((a) => a.slug)).toEqual(['globex', 'platform']);
    expect(audited[0]!.details).toMatchObject({ before: { listPerMinute: 100 }, after: { listPerMinute: 3 } });
    await expect(
      setTenantRateLimits(ctx, { tenantId: globex, limits: { listPerMinute: 1000, detailPerMinute: 200, writePerMinute: 50, exportPerHour: 10, linkPerMinute: 500 } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

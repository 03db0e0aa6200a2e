import { describe, expect, it } from 'vitest';
import { listPlatformFeatures, setEarlyAccess } from '@/lib/data/features';
import { createLinkDirect, decideLink, requestLink } from '@/lib/data/links';
import { getTenantRateLimits } from '@/lib/data/policies';
import { listTenants } from '@/lib/data/registry';
import { resolveContext } from '@/lib/data/context';
import { ALICE, contextFor, meta, openSession, owner, tenantId } from '../support/world';

const ops = () => contextFor('platform', 'ops@platform.example');
const acmeAdmin = () => contextFor('acme-msp', 'admin@acme-msp.example');
const liveLinksOfPlatform = async () => {
  const [row] = await owner()<{ n: number }[]>`
    select count(*)::int as n from partner_tenant_links l join tenants t on t.id in (l.partner_tenant_id, l.managed_tenant_id)
    where t.is_platform and l.status in ('requested', 'active')`;
  return row!.n;
};

describe('the platform tenant takes part in no link', () => {
  it('refuses a partner admin requesting a link to the platform (the request path), and writes nothing', async () => {
    await expect(requestLink(await acmeAdmin(), { managedSlug: 'platform', accessRole: 'msp_full' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { rule: 'links_no_platform' },
    });
    expect(await liveLinksOfPlatform()).toBe(0);
  });

  it('refuses the operator creating one directly, in either role', async () => {
    const acme = await tenantId('acme-msp');
    await expect(createLinkDirect(await ops(), { partnerTenantId: acme, link: { managedSlug: 'platform', accessRole: 'auditor' } })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(
      createLinkDirect(await ops(), { partnerTenantId: await tenantId('platform'), link: { managedSlug: 'globex', accessRole: 'auditor' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await liveLinksOfPlatform()).toBe(0);
  });

  it('is enforced by the database itself: a hand-written insert or approval fails on links_no_platform', async () => {
    const [platform, acme] = [await tenantId('platform'), await tenantId('acme-msp')];
    await expect(owner()`insert into partner_tenant_links (partner_tenant_id, managed_tenant_id, access_role, status)
      values (${acme}, ${platform}, 'msp_full', 'active')`).rejects.toMatchObject({ constraint_name: 'links_no_platform' });
    // A request planted before the rule existed cannot be approved into a live link either.
    await owner()`alter table partner_tenant_links disable trigger links_no_platform`;
    const [stray] = await owner()`insert into partner_tenant_links (partner_tenant_id, managed_tenant_id, access_role, status)
      values (${acme}, ${platform}, 'msp_full', 'requested') returning id`;
    await owner()`alter table partner_tenant_links enable trigger links_no_platform`;
    await expect(decideLink(await ops(), { id: stray!.id as string, decision: 'approve' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(owner()`update partner_tenant_links set status = 'active' where id = ${stray!.id}`).rejects.toMatchObject({
      constraint_name: 'links_no_platform',
    });
  });

  it('is refused at context resolution even if such a link exists (and the refusal is audited at home)', async () => {
    const [platform, acme] = [await tenantId('platform'), await tenantId('acme-msp')];
    await owner()`alter table partner_tenant_links disable trigger links_no_platform`;
    await owner()`insert into partner_tenant_links (partner_tenant_id, managed_tenant_id, access_role, status)
      values (${acme}, ${platform}, 'msp_full', 'active')`;
    await owner()`alter table partner_tenant_links enable trigger links_no_platform`;
    const claims = await openSession(...ALICE);
    await expect(resolveContext(claims, { slug: 'platform' }, meta)).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });
    const denied = await owner()`select 1 from audit_events where tenant_id = ${acme} and action = 'tenant.access_denied'`;
    expect(denied).toHaveLength(1);
  });
});

describe('platform functions run from the platform tenant only', () => {
  it('refuses tenant admins and anyone acting through a link, before touching data', async () => {
    const admin = await acmeAdmin();
    await expect(listTenants(admin, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listPlatformFeatures(admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A context acting through a link, even one that somehow held platform.* at home, is refused.
    const alice = await contextFor(...ALICE, 'northwind');
    const forged = { ...alice, homePermissions: new Set([...alice.homePermissions, 'platform.tenants.read', 'platform.features.manage']) };
    await expect(listTenants(forged, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getTenantRateLimits(forged, { tenantId: alice.activeTenant.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('proves a raw tenant id against the registry before using it (404, nothing written)', async () => {
    const nowhere = '00000000-0000-4000-8000-000000000000';
    await expect(getTenantRateLimits(await ops(), { tenantId: nowhere })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setEarlyAccess(await ops(), { key: 'bulk_export', tenantId: nowhere, earlyAccess: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const written = await owner()`select 1 from tenant_features where tenant_id = ${nowhere}
      union all select 1 from audit_events where action = 'feature.early_access'`;
    expect(written).toHaveLength(0);
  });
});

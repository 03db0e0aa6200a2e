import { describe, expect, it } from 'vitest';
import { endedAccess } from '@/lib/data/tenancy';
import { ALICE, meta, openSession, owner, tenantId } from '../support/world';

describe('naming an ended access', () => {
  it("names the tenant of the partner's own ended link, and nothing for any other tenant", async () => {
    const alice = await openSession(...ALICE);
    const fabrikam = await endedAccess(alice, 'fabrikam', meta);
    expect(fabrikam).toMatchObject({ tenant: 'Fabrikam Telecom', home: { slug: 'acme-msp' } });
    expect(fabrikam!.reason).toMatch(/^the link expired on \d{4}-\d{2}-\d{2}$/);
    // A live link, no link at all, a slug that is not a tenant: the uniform refusal stays.
    expect(await endedAccess(alice, 'northwind', meta)).toBeNull();
    expect(await endedAccess(alice, 'globex', meta)).toBeNull();
    expect(await endedAccess(alice, 'no-such-tenant', meta)).toBeNull();
    // A northwind admin has no partner links: nothing to name.
    expect(await endedAccess(await openSession('northwind', 'admin@northwind.example'), 'fabrikam', meta)).toBeNull();
  });

  it('says when the link was revoked, or the tenant stopped', async () => {
    const alice = await openSession(...ALICE);
    await owner()`update partner_tenant_links set status = 'revoked', revoked_at = now()
      where partner_tenant_id = ${await tenantId('acme-msp')} and managed_tenant_id = ${await tenantId('northwind')}`;
    expect(await endedAccess(alice, 'northwind', meta)).toMatchObject({ tenant: 'Northwind Fiber', reason: 'the link was revoked' });
    await owner()`update tenants set status = 'stopped' where slug = 'contoso'`;
    expect(await endedAccess(alice, 'contoso', meta)).toMatchObject({ tenant: 'Contoso Broadband', reason: 'the tenant has been stopped' });
  });
});

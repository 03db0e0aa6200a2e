import { describe, expect, it } from 'vitest';
import { owner, tenantId } from '../support/world';

const insertLink = async (partner: string, managed: string, extra: { role?: string; starts?: string; ends?: string | null; status?: string } = {}) =>
  owner()`
    insert into partner_tenant_links (partner_tenant_id, managed_tenant_id, access_role, status, starts_at, ends_at)
    values (${await tenantId(partner)}, ${await tenantId(managed)}, ${extra.role ?? 'msp_support'}, ${extra.status ?? 'active'},
            ${extra.starts ?? new Date().toISOString()}, ${extra.ends ?? null})`;

describe('link rules enforced by the database', () => {
  it('refuses a self-link', async () => {
    await expect(insertLink('globex', 'globex')).rejects.toThrow(/links_no_self_link/);
  });

  it('refuses a link that ends before it starts', async () => {
    await expect(insertLink('globex', 'contoso', { starts: '2026-06-01T00:00:00Z', ends: '2026-05-01T00:00:00Z' })).rejects.toThrow(
      /links_ends_after_starts/,
    );
  });

  it('allows one live link per pair, but a new one after the old one ended', async () => {
    await expect(insertLink('acme-msp', 'contoso')).rejects.toThrow(/links_one_live_per_pair/);
    // fabrikam's link ended last month: a fresh one from now on does not overlap it.
    await expect(insertLink('acme-msp', 'fabrikam', { role: 'msp_billing' })).resolves.toBeDefined();
  });

  it('allows at most one live msp_full or enterprise_hq link per managed tenant', async () => {
    await expect(insertLink('globex', 'northwind', { role: 'enterprise_hq' })).rejects.toThrow(/links_one_full_manager/);
    await expect(insertLink('globex', 'northwind', { role: 'auditor' })).resolves.toBeDefined();
    // A revoked or requested full link does not count.
    await expect(insertLink('contoso', 'northwind', { role: 'msp_full', status: 'requested' })).resolves.toBeDefined();
  });

  it('allows one open request per pair', async () => {
    await insertLink('globex', 'fabrikam', { status: 'requested' });
    await expect(insertLink('globex', 'fabrikam', { status: 'requested' })).rejects.toThrow(/links_one_request_per_pair/);
  });
});

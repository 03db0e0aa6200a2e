import { describe, expect, it } from 'vitest';
import { resolveContext } from '@/lib/data/context';
import { unsafeExpireLinkRequests } from '@/lib/data/internal/link-requests';
import { decideLink, listLinks, requestLink, revokeAllLinks, revokeLink } from '@/lib/data/links';
import { ALICE, contextFor, meta, openSession, owner, tenantId } from '../support/world';

const acmeAdmin = () => contextFor('acme-msp', 'admin@acme-msp.example');
const admin = (slug: string) => contextFor(slug, `admin@${slug}.example`);

describe('links with consent', () => {
  it('request, approve, act, revoke: access follows the link on the very next request', async () => {
    const request = await requestLink(await acmeAdmin(), {
      managedSlug: 'globex',
      accessRole: 'msp_full',
      customPermissions: { 'billing.invoices.export': false },
    });
    expect(request).toMatchObject({ direction: 'outgoing', status: 'requested', state: 'requested', managed: { slug: 'globex' } });
    expect(request.grants).toContain('users.read');
    expect(request.grants).not.toContain('billing.invoices.export');

    const alice = await openSession(...ALICE);
    await expect(resolveContext(alice, { slug: 'globex' }, meta)).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });

    const incoming = (await listLinks(await admin('globex'))).find((l) => l.id === request.id);
    expect(incoming).toMatchObject({ direction: 'incoming', partner: { slug: 'acme-msp' }, grants: request.grants });
    await decideLink(await admin('globex'), { id: request.id, decision: 'approve' });
    const ctx = await resolveContext(alice, { slug: 'globex' }, meta);
    expect(ctx.link?.accessRole).toBe('msp_full');
    expect(ctx.permissions.has('billing.invoices.export')).toBe(false);

    await revokeLink(await admin('globex'), { id: request.id });
    await expect(resolveContext(alice, { slug: 'globex' }, meta)).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });
    const audited = await owner()`select tenant_id, action from audit_events where resource_id = ${request.id} order by seq`;
    const [acme, globex] = [await tenantId('acme-msp'), await tenantId('globex')];
    expect(audited).toEqual([
      { tenant_id: acme, action: 'link.request' },
      { tenant_id: globex, action: 'link.request' },
      { tenant_id: globex, action: 'link.approve' },
      { tenant_id: acme, action: 'link.approve' },
      { tenant_id: globex, action: 'link.revoke' },
      { tenant_id: acme, action: 'link.revoke' },
    ]);
  });

  it('answers each database rule with a clear 422', async () => {
    await expect(requestLink(await acmeAdmin(), { managedSlug: 'acme-msp', accessRole: 'auditor' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'A tenant cannot link to itself.',
    });
    await expect(
      requestLink(await acmeAdmin(), { managedSlug: 'globex', accessRole: 'auditor', startsAt: '2027-02-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z' }),
    ).rejects.toThrow(/end after it starts/);
    const first = await requestLink(await admin('globex'), { managedSlug: 'northwind', accessRole: 'enterprise_hq' });
    await expect(requestLink(await admin('globex'), { managedSlug: 'northwind', accessRole: 'auditor' })).rejects.toMatchObject({
      message: 'There is already an open request between these tenants.',
    });
    await expect(decideLink(await admin('northwind'), { id: first.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'This tenant already has a live msp_full or enterprise_hq link for that period.',
    });
    const [row] = await owner()`select status from partner_tenant_links where id = ${first.id}`;
    expect(row).toEqual({ status: 'requested' });
  });

  it('lets only the managed side answer, and only within 30 days; the job closes stale requests', async () => {
    const request = await requestLink(await admin('contoso'), { managedSlug: 'fabrikam', accessRole: 'auditor' });
    await expect(decideLink(await admin('contoso'), { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(decideLink(await admin('globex'), { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await owner()`update partner_tenant_links set created_at = now() - interval '31 days' where id = ${request.id}`;
    await expect(decideLink(await admin('fabrikam'), { id: request.id, decision: 'approve' })).rejects.toThrow(/expired/);
    expect(await unsafeExpireLinkRequests()).toBe(1);
    const [row] = await owner()`select status from partner_tenant_links where id = ${request.id}`;
    expect(row).toEqual({ status: 'rejected' });
  });

  it('revoke all ends every live link a partner holds', async () => {
    const alice = await openSession(...ALICE);
    // northwind, contoso, and fabrikam's expired (still status active) link.
    expect((await revokeAllLinks(await acmeAdmin())).revoked).toBe(3);
    for (const slug of ['northwind', 'contoso']) {
      await expect(resolveContext(alice, { slug }, meta)).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED' });
    }
  });

  it('is for tenant admins: staff without links.manage cannot change links', async () => {
    await expect(requestLink(await contextFor(...ALICE), { managedSlug: 'globex', accessRole: 'auditor' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

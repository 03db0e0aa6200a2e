import { describe, expect, it } from 'vitest';
import { unsafeSealTenantAudit, unsafeVerifyTenantAudit } from '@/lib/data/internal/audit-seal';
import { auditLinkRead, recordAudit } from '@/lib/data/audit';
import { withTenant } from '@/lib/data/tx';
import { ALICE, contextFor, owner, tenantId } from '../support/world';

async function writeEvents(n: number, slug = 'northwind') {
  const ctx = await contextFor(...ALICE, slug);
  for (let i = 0; i < n; i++) await withTenant(ctx, (tx) => recordAudit(tx, ctx, { action: 'test.event', resourceId: String(i) }));
  return ctx;
}

describe('sealed audit digests', () => {
  it('seal new events into a chain that verifies, across several runs', async () => {
    const northwind = await tenantId('northwind');
    await writeEvents(3);
    expect(await unsafeSealTenantAudit(northwind)).toBe(3);
    expect(await unsafeSealTenantAudit(northwind)).toBe(0);
    await writeEvents(2);
    expect(await unsafeSealTenantAudit(northwind)).toBe(2);
    expect(await unsafeVerifyTenantAudit(northwind)).toEqual({ ok: true, digests: 2, events: 5 });
  });

  it('detect an edited event and name it', async () => {
    const contoso = await tenantId('contoso');
    const ctx = await contextFor(...ALICE, 'contoso');
    for (const id of ['a', 'b', 'c']) await withTenant(ctx, (tx) => recordAudit(tx, ctx, { action: 'test.event', resourceId: id }));
    await unsafeSealTenantAudit(contoso);
    const [victim] = await owner()`select seq::int from audit_events where tenant_id = ${contoso} and resource_id = 'b'`;
    await owner()`update audit_events set details = '{"tampered": true}' where tenant_id = ${contoso} and seq = ${victim!.seq}`;
    expect(await unsafeVerifyTenantAudit(contoso)).toMatchObject({ ok: false, problem: 'event_modified', eventSeq: victim!.seq });
  });

  it('detect a deleted event and name it', async () => {
    const globex = await tenantId('globex');
    await owner()`
      insert into audit_events (tenant_id, action, resource_id)
      select ${globex}, 'test.event', g::text from generate_series(1, 4) g`;
    await unsafeSealTenantAudit(globex);
    const [victim] = await owner()`select seq::int from audit_events where tenant_id = ${globex} and resource_id = '3'`;
    await owner()`delete from audit_events where tenant_id = ${globex} and seq = ${victim!.seq}`;
    expect(await unsafeVerifyTenantAudit(globex)).toMatchObject({ ok: false, problem: 'event_deleted', eventSeq: victim!.seq });
  });

  it('detect a digest rewritten to hide a change', async () => {
    const fabrikam = await tenantId('fabrikam');
    await owner()`insert into audit_events (tenant_id, action) values (${fabrikam}, 'test.one'), (${fabrikam}, 'test.two')`;
    await unsafeSealTenantAudit(fabrikam);
    await owner()`insert into audit_events (tenant_id, action) values (${fabrikam}, 'test.three')`;
    await unsafeSealTenantAudit(fabrikam);
    await owner()`update audit_digests set hash = repeat('f', 64) where tenant_id = ${fabrikam} and digest_no = 1`;
    expect(await unsafeVerifyTenantAudit(fabrikam)).toMatchObject({ ok: false, problem: 'digest_altered', digestNo: 1 });
  });

  it('never make writers wait: an event committed while a seal runs is sealed by the next run', async () => {
    const northwind = await tenantId('northwind');
    const before = await unsafeSealTenantAudit(northwind);
    const [sealing, _] = await Promise.all([unsafeSealTenantAudit(northwind), writeEvents(1)]);
    const later = await unsafeSealTenantAudit(northwind);
    expect(before + sealing + later).toBeGreaterThanOrEqual(1);
    const [{ pending }] = (await owner()`
      select count(*)::int as pending from audit_events e where tenant_id = ${northwind}
      and not exists (select 1 from audit_digest_events d where d.tenant_id = e.tenant_id and d.event_seq = e.seq)`) as unknown as [
      { pending: number },
    ];
    expect(pending).toBe(0);
    expect((await unsafeVerifyTenantAudit(northwind)).ok).toBe(true);
  });
});

describe('the audit row of a read through a link', () => {
  it('is the row recordAudit writes for the same entry (its insert is written by hand)', async () => {
    const northwind = await tenantId('northwind');
    const ctx = await contextFor(...ALICE, 'northwind');
    const entry = { action: 'test.link_read', resourceType: 'user', resourceId: 'r-1', details: { count: 3, search: "o'brien", nested: { ok: true } } };
    await withTenant(ctx, (tx) => auditLinkRead(tx, ctx, entry));
    await withTenant(ctx, (tx) => recordAudit(tx, ctx, entry));
    const rows = await owner()`
      select tenant_id, actor_user_id, actor_tenant_id, actor_label, via, link_id, action, resource_type, resource_id, outcome,
             request_id, host(ip) as ip, user_agent, details
      from audit_events where tenant_id = ${northwind} and action = 'test.link_read' order by seq`;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(rows[1]);
    expect(rows[0]).toMatchObject({ via: 'link', actor_label: 'alice@acme-msp.example', details: entry.details, ip: '127.0.0.1' });
    expect(rows[0]!.link_id).toBe(ctx.link!.id);
  });
});

import { describe, expect, it } from 'vitest';
import { setTenantFeature } from '@/lib/data/features';
import { unsafeRunAlertScan } from '@/lib/data/internal/ticket-jobs';
import { listBoard } from '@/lib/data/ticket-board';
import { updateTicket } from '@/lib/data/tickets';
import { ALICE, AUDREY, SAM, contextFor, owner, tenantId } from '../support/world';

const admin = (slug: string) => contextFor(slug, `admin@${slug}.example`);
const count = async (where: string, ...slugs: string[]) => {
  const [row] = await owner().unsafe(`select count(*)::int as n from tickets t join tenants n on n.id = t.tenant_id where n.slug = any($1) and ${where}`, [slugs]);
  return row!.n as number;
};

describe('the multi-tenant ticket board', () => {
  it("shows every ticket of the tenants whose live link grants tickets, each with its tenant; counts equal a recount", async () => {
    const alice = await contextFor(...ALICE);
    const board = await listBoard(alice, { limit: 100 });
    // Northwind (msp_full) and Contoso (msp_support); Fabrikam's link ended, Globex has none.
    expect(board.tenants.map((t) => t.name)).toEqual(['Contoso Broadband', 'Northwind Fiber']);
    expect(new Set(board.items.map((t) => t.tenant.name))).toEqual(new Set(['Contoso Broadband', 'Northwind Fiber']));
    expect(board.aggregates.total).toBe(await count('true', 'northwind', 'contoso'));
    expect(board.aggregates.byStatus.closed).toBe(await count(`t.status = 'closed'`, 'northwind', 'contoso'));
    // Newest first across tenants.
    const times = board.items.map((t) => Date.parse(t.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Every read through a link is audited in the tenant read.
    const audits = await owner()`select n.slug from audit_events e join tenants n on n.id = e.tenant_id where e.action = 'tickets.board' order by n.slug`;
    expect(audits.map((a) => a.slug)).toEqual(['contoso', 'northwind']);
  });

  it('pages without gaps or repeats', async () => {
    const alice = await contextFor(...ALICE);
    const first = await listBoard(alice, { limit: 25 });
    const second = await listBoard(alice, { limit: 25, cursor: first.nextCursor! });
    const ids = [...first.items, ...second.items].map((t) => t.id);
    expect(new Set(ids).size).toBe(50);
    const all = await listBoard(alice, { limit: 50 });
    expect(all.items.map((t) => t.id)).toEqual(ids);
  });

  it('filters by tenant, status, priority, assignee and SLA state, each equal to a recount', async () => {
    await unsafeRunAlertScan();
    const alice = await contextFor(...ALICE);
    const contoso = await tenantId('contoso');
    const only = await listBoard(alice, { tenant_ids: contoso, limit: 100 });
    expect(only.aggregates.total).toBe(await count('true', 'contoso'));
    const open = await listBoard(alice, { status: 'new,open', priority: 'urgent', limit: 100 });
    expect(open.aggregates.total).toBe(await count(`t.status in ('new', 'open') and t.priority = 'urgent'`, 'northwind', 'contoso'));
    expect(open.items.every((t) => ['new', 'open'].includes(t.status) && t.priority === 'urgent')).toBe(true);
    const breached = await listBoard(alice, { sla: 'breached', limit: 100 });
    expect(breached.aggregates.total).toBe(await count(`(t.sla_breached_at is not null or t.sla_due_at < now())`, 'northwind', 'contoso'));
    expect(breached.aggregates.total).toBeGreaterThan(0);
    expect(breached.items.every((t) => t.sla.state === 'breached' || t.sla.breachedAt !== null)).toBe(true);
    // Contoso's demo: an urgent ticket 51 minutes old (60-minute target) is at risk and due within the hour.
    const soon = await listBoard(alice, { sla: 'due_1h', limit: 100 });
    expect(soon.items.map((t) => t.subject)).toContain('Business line down at the bakery');
    const atRisk = await listBoard(alice, { sla: 'at_risk', limit: 100 });
    expect(atRisk.items.map((t) => t.subject)).toEqual(expect.arrayContaining(['Business line down at the bakery', 'VPN to the head office fails']));

    // Assigned to me: Alice assigns herself one ticket through the link.
    const target = soon.items.find((t) => t.subject === 'Business line down at the bakery')!;
    await updateTicket(await contextFor(...ALICE, 'contoso'), { id: target.id, assigneeId: alice.user.id });
    const mine = await listBoard(await contextFor(...ALICE), { assigned_to: 'me', limit: 100 });
    expect(mine.items.map((t) => [t.id, t.assignee?.name, t.status])).toEqual([[target.id, 'Alice Archer via Acme Managed Services', 'open']]);
  });

  it('follows the links: a revoked link or the feature turned off takes the tenant away; a foreign tenant named is 403', async () => {
    const contoso = await tenantId('contoso');
    await setTenantFeature(await admin('contoso'), { key: 'tickets', enabled: false });
    const board = await listBoard(await contextFor(...ALICE), { limit: 100 });
    expect(new Set(board.items.map((t) => t.tenant.name))).toEqual(new Set(['Northwind Fiber']));
    expect(board.aggregates.total).toBe(await count('true', 'northwind'));
    await owner()`update partner_tenant_links set status = 'revoked', revoked_at = now() where managed_tenant_id = (select id from tenants where slug = 'northwind') and status = 'active'`;
    expect((await listBoard(await contextFor(...ALICE), { limit: 100 })).items).toEqual([]);
    const globex = await tenantId('globex');
    await expect(listBoard(await contextFor(...ALICE), { tenant_ids: `${contoso},${globex}` })).rejects.toMatchObject({ code: 'TENANT_ACCESS_DENIED', details: { tenantIds: [globex] } });
  });

  it('lets support and the auditor read it; a billing-only partner role and end users do not', async () => {
    expect((await listBoard(await contextFor(...SAM), { limit: 5 })).items.length).toBe(5);
    expect((await listBoard(await contextFor(...AUDREY), { limit: 5 })).items.length).toBe(5);
    await expect(listBoard(await contextFor('northwind', 'basic@northwind.example'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A tenant's own staff see their own tickets only.
    const own = await listBoard(await admin('globex'), { limit: 100 });
    expect(own.tenants.map((t) => t.name)).toEqual(['Globex Networks']);
  });

  it('refuses bad filters with a clear error and reads nothing', async () => {
    const alice = await contextFor(...ALICE);
    for (const bad of [{ status: 'open,sleeping' }, { sla: 'late' }, { created_from: '2026-12-01', created_to: '2026-11-01' }, { assigned_to: 'someone' }, { tenant_ids: 'not-an-id' }]) {
      await expect(listBoard(alice, bad as never)).rejects.toMatchObject({ name: 'ZodError' });
    }
    const [audits] = await owner()`select count(*)::int as n from audit_events where action = 'tickets.board'`;
    expect(audits!.n).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { listUsers, listUsersInAllTenants, setUsersStatus } from '@/lib/data/users';
import { ALICE, SAM, contextFor, owner, tenantId, userId } from '../support/world';

const ADMIN = ['northwind', 'admin@northwind.example'] as const;

describe('the users list, sorted and paged both ways', () => {
  it('walks forwards and back by name with Previous and Next, each page where it was', async () => {
    const ctx = await contextFor(...ADMIN);
    const rows = await owner()`select name, id from users where tenant_id = ${await tenantId('northwind')} order by name asc, id asc`;
    const expected = rows.map((r) => r.id as string);
    const forward: string[][] = [];
    let page = await listUsers(ctx, { sort: 'name.asc', limit: 7 });
    expect(page.prevCursor).toBeNull();
    expect(page.offset).toBe(0);
    forward.push(page.items.map((u) => u.id));
    while (page.nextCursor) {
      const before = page.offset;
      page = await listUsers(ctx, { sort: 'name.asc', limit: 7, cursor: page.nextCursor });
      expect(page.offset).toBe(before + 7);
      forward.push(page.items.map((u) => u.id));
    }
    expect(forward.flat()).toEqual(expected);
    // Back from the last page: the same pages in reverse, down to the first (no Previous there).
    for (let i = forward.length - 2; i >= 0; i--) {
      page = await listUsers(ctx, { sort: 'name.asc', limit: 7, cursor: page.prevCursor! });
      expect(page.items.map((u) => u.id)).toEqual(forward[i]);
      expect(page.offset).toBe(i * 7);
    }
    expect(page.prevCursor).toBeNull();
  });

  it('sorts by name descending and by email, and refuses a sort it does not offer', async () => {
    const ctx = await contextFor(...ADMIN);
    const names = (await listUsers(ctx, { sort: 'name.desc', limit: 100 })).items.map((u) => u.name);
    const byDb = await owner()`select name from users where tenant_id = ${await tenantId('northwind')} order by name desc, id desc limit 100`;
    expect(names).toEqual(byDb.map((r) => r.name));
    const emails = (await listUsers(ctx, { sort: 'email.asc', limit: 100 })).items.map((u) => u.email);
    const emailsByDb = await owner()`select email from users where tenant_id = ${await tenantId('northwind')} order by email asc, id asc limit 100`;
    expect(emails).toEqual(emailsByDb.map((r) => r.email));
    await expect(listUsers(ctx, { sort: 'password_hash.asc' })).rejects.toThrow(/sort must be one of createdAt.asc/);
  });

  it("refuses a cursor of another list's shape instead of reading with it", async () => {
    const ctx = await contextFor(...ADMIN);
    const forged = Buffer.from(JSON.stringify({ k: "x') or 1=1 --", i: 'not-a-uuid', d: 'next', o: 0 })).toString('base64url');
    await expect(listUsers(ctx, { cursor: forged })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

describe('bulk status', () => {
  it('answers per row: succeeded, skipped (already so, or yourself) and failed (another tenant), and audits each change', async () => {
    const ctx = await contextFor(...ADMIN);
    const ben = await userId('northwind', 'basic@northwind.example');
    const self = await userId(...ADMIN);
    const foreign = await userId('globex', 'admin@globex.example');
    const outcomes = await setUsersStatus(ctx, { ids: [ben, self, foreign], status: 'inactive' });
    expect(outcomes).toEqual([
      { id: ben, outcome: 'succeeded' },
      { id: self, outcome: 'skipped', reason: 'You cannot deactivate your own account.' },
      { id: foreign, outcome: 'failed', reason: 'Not found.' },
    ]);
    expect((await setUsersStatus(ctx, { ids: [ben], status: 'inactive' }))[0]).toMatchObject({ outcome: 'skipped' });
    const [row] = await owner()`select status from users where id = ${ben}`;
    expect(row!.status).toBe('inactive');
    const [globex] = await owner()`select status from users where id = ${foreign}`;
    expect(globex!.status).toBe('active');
    const events = await owner()`select details from audit_events where tenant_id = ${await tenantId('northwind')} and action = 'user.status_changed' and resource_id = ${ben}`;
    expect(events.map((e) => e.details)).toEqual([{ from: 'active', to: 'inactive' }]);
  });

  it('is not found as a whole when no id is a user here, and forbidden without users.write', async () => {
    const foreign = await userId('globex', 'admin@globex.example');
    await expect(setUsersStatus(await contextFor(...ADMIN), { ids: [foreign], status: 'inactive' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const ben = await userId('northwind', 'basic@northwind.example');
    await expect(setUsersStatus(await contextFor(...SAM, 'northwind'), { ids: [ben], status: 'inactive' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setUsersStatus(await contextFor(...ADMIN), { ids: [ben, ben], status: 'inactive' })).rejects.toThrow(/Each row once/);
  });

  it("through a link, changes the tenant's subscribers but never its staff", async () => {
    const alice = await contextFor(...ALICE, 'northwind');
    const ben = await userId('northwind', 'basic@northwind.example');
    const admin = await userId(...ADMIN);
    expect(await setUsersStatus(alice, { ids: [ben, admin], status: 'inactive' })).toEqual([
      { id: ben, outcome: 'succeeded' },
      { id: admin, outcome: 'skipped', reason: "Staff accounts are managed by the tenant's own admins." },
    ]);
    const [row] = await owner()`select status from users where id = ${admin}`;
    expect(row!.status).toBe('active');
    // Audited in northwind as a write through the link.
    const [event] = await owner()`select via, actor_tenant_id from audit_events where tenant_id = ${await tenantId('northwind')} and action = 'user.status_changed' and resource_id = ${ben}`;
    expect(event).toEqual({ via: 'link', actor_tenant_id: await tenantId('acme-msp') });
  });

  it('a deactivated user is refused on their next request', async () => {
    const ben = await contextFor('northwind', 'basic@northwind.example');
    await setUsersStatus(await contextFor(...ADMIN), { ids: [ben.user.id], status: 'inactive' });
    await expect(contextFor('northwind', 'basic@northwind.example')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('users in all tenants', () => {
  it('merges the tenants whose live link grants users.read, newest first, and pages without loss', async () => {
    const alice = await contextFor(...ALICE);
    const first = await listUsersInAllTenants(alice, { limit: 10 });
    // Alice's live links: northwind (msp_full) and contoso (msp_support, no users.read).
    expect(first.tenants.map((t) => t.slug).sort()).toEqual(['contoso', 'northwind']);
    expect(first.withheld.map((t) => t.slug)).toEqual(['contoso']);
    const seen: string[] = [];
    let page = first;
    for (;;) {
      for (const u of page.items) expect(u.tenant.slug).toBe('northwind');
      seen.push(...page.items.map((u) => u.id));
      if (!page.nextCursor) break;
      page = await listUsersInAllTenants(alice, { limit: 10, cursor: page.nextCursor });
    }
    const all = await owner()`select id from users where tenant_id = ${await tenantId('northwind')} order by created_at desc, id desc`;
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it('reads each tenant through its link, audited there, and never a tenant without a live link', async () => {
    const alice = await contextFor(...ALICE);
    const before = await owner()`select count(*)::int as n from audit_events where tenant_id = ${await tenantId('northwind')} and action = 'users.list'`;
    const page = await listUsersInAllTenants(alice, { tenant: 'fabrikam' });
    expect(page.items).toEqual([]);
    await listUsersInAllTenants(alice, { tenant: 'northwind', limit: 5 });
    const after = await owner()`select count(*)::int as n from audit_events where tenant_id = ${await tenantId('northwind')} and action = 'users.list'`;
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });

  it('is not there for an end user, nor through a link', async () => {
    await expect(listUsersInAllTenants(await contextFor('northwind', 'basic@northwind.example'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listUsersInAllTenants(await contextFor(...ALICE, 'northwind'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

import { describe, expect, it } from 'vitest';
import { getUserOrThrow, listUsers, usersListQuery } from '@/lib/data/users';
import { listUsersSchema } from '@/lib/validation/users';
import { planOf } from '../support/plans';
import { ALICE, SAM, contextFor, owner, tenantId, userId } from '../support/world';

describe('listing users', () => {
  it('pages through the whole tenant with keyset cursors, no duplicates and no other tenant', async () => {
    const ctx = await contextFor('northwind', 'admin@northwind.example');
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listUsers(ctx, { limit: 37, cursor });
      for (const u of page.items) {
        expect(seen.has(u.id)).toBe(false);
        seen.add(u.id);
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    const [{ n }] = (await owner()`select count(*)::int as n from users where tenant_id = ${await tenantId('northwind')}`) as unknown as [{ n: number }];
    expect(seen.size).toBe(n);
    expect(pages).toBe(Math.ceil(n / 37));
  });

  it('searches by name or email, with LIKE wildcards taken literally', async () => {
    const ctx = await contextFor('northwind', 'admin@northwind.example');
    const page = await listUsers(ctx, { search: 'cora' });
    expect(page.items.map((u) => u.email)).toEqual(['company@northwind.example']);
    expect((await listUsers(ctx, { search: '%' })).items).toEqual([]);
  });

  it('rejects a limit outside 1 to 100', async () => {
    const ctx = await contextFor('northwind', 'admin@northwind.example');
    await expect(listUsers(ctx, { limit: 101 })).rejects.toThrow(/at most 100/);
    await expect(listUsers(ctx, { limit: 0 })).rejects.toThrow(/at least 1/);
  });

  it('audits reads through a link, not reads at home', async () => {
    const northwind = await tenantId('northwind');
    const count = async () =>
      ((await owner()`select count(*)::int as n from audit_events where tenant_id = ${northwind} and action = 'users.list'`)[0]!.n as number);
    const before = await count();
    await listUsers(await contextFor('northwind', 'admin@northwind.example'), {});
    expect(await count()).toBe(before);
    await listUsers(await contextFor(...ALICE, 'northwind'), {});
    const [event] = await owner()`
      select via, actor_tenant_id, link_id is not null as has_link, request_id from audit_events
      where tenant_id = ${northwind} and action = 'users.list' order by seq desc limit 1`;
    expect(event).toEqual({ via: 'link', actor_tenant_id: await tenantId('acme-msp'), has_link: true, request_id: 'test-request' });
  });

  it('refuses staff whose roles do not cover users', async () => {
    await expect(listUsers(await contextFor(...SAM, 'northwind'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listUsers(await contextFor('northwind', 'basic@northwind.example'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('reading one user', () => {
  it("answers not found for another tenant's user, and the row stays untouched", async () => {
    const ctx = await contextFor(...ALICE, 'northwind');
    const foreign = await userId('globex', 'admin@globex.example');
    await expect(getUserOrThrow(ctx, { id: foreign })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const own = await userId('northwind', 'basic@northwind.example');
    expect(await getUserOrThrow(ctx, { id: own })).toMatchObject({ email: 'basic@northwind.example', roles: [{ key: 'basic' }] });
  });
});

describe('the list query plan', () => {
  it('uses the (tenant_id, created_at, id) index for a large tenant: no sequential scan, no sort', async () => {
    const globex = await tenantId('globex');
    await owner()`
      insert into users (tenant_id, email, name, type, created_at)
      select ${globex}, 'bulk' || g || '@globex.example', 'Bulk ' || g, 'basic', now() - g * interval '1 minute'
      from generate_series(1, 30000) g`;
    await owner()`analyze users`;
    const input = listUsersSchema.parse({ limit: 50 });
    const plan = await planOf(globex, (tx) => usersListQuery(tx, globex, input));
    expect(plan).toMatch(/Index Scan using users_tenant_created_idx/);
    expect(plan).not.toMatch(/Seq Scan|Sort/);
  });
});

import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runtimeTablePrivileges, tenantScopedTables } from '@/db/grants';
import { assertRuntimeRoleIsConfined } from '@/lib/data/db';
import { connect } from '@/db/client';
import { catalogueViolations } from '../support/isolation';
import { owner, tenantId } from '../support/world';

let app: postgres.Sql;
beforeEach(() => {
  app = postgres(process.env.DATABASE_APP_URL!, { max: 1, onnotice: () => {} });
});
afterEach(() => app.end());

/** Runs statements as the runtime role inside one transaction scoped to a tenant. */
async function asTenant<T>(tenant: string, fn: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return app.begin(async (sql) => {
    await sql`select set_config('app.tenant_id', ${tenant}, true), set_config('app.tenant_ids', ${`{${tenant}}`}, true)`;
    return fn(sql);
  }) as Promise<T>;
}

describe('the runtime role', () => {
  it('is not superuser, cannot bypass RLS and owns no table', async () => {
    const [role] = await app`
      select rolsuper, rolbypassrls, (select count(*)::int from pg_class where relowner = r.oid) as owned
      from pg_roles r where rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
    await expect(assertRuntimeRoleIsConfined()).resolves.toBeUndefined();
  });

  it('makes the app refuse to start on a role that could bypass RLS', async () => {
    const ownerDb = connect(process.env.TEST_OWNER_URL!, 1).db;
    await expect(assertRuntimeRoleIsConfined(ownerDb)).rejects.toThrow(/Refusing to start/);
  });

  it('cannot change or delete audit events (append-only)', async () => {
    const northwind = await tenantId('northwind');
    await asTenant(northwind, (sql) => sql`insert into audit_events (tenant_id, action) values (${northwind}, 'test.append')`);
    await expect(asTenant(northwind, (sql) => sql`update audit_events set action = 'x' where tenant_id = ${northwind}`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(asTenant(northwind, (sql) => sql`delete from audit_events where tenant_id = ${northwind}`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('cannot delete from the tenant registry (tenants are stopped, never deleted)', async () => {
    await expect(app`delete from tenants where slug = 'globex'`).rejects.toThrow(/permission denied/);
  });
});

describe('the catalogue', () => {
  it('forces RLS, with the expected policy shape, on every table that has tenant_id', async () => {
    expect(await catalogueViolations(owner())).toEqual([]);
  });

  it('leads every tenant table primary key with tenant_id', async () => {
    const rows = await owner()`
      select c.relname as table, a.attname as first
      from pg_constraint k join pg_class c on c.oid = k.conrelid
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
      where k.contype = 'p' and c.relname = any(${[...tenantScopedTables]})`;
    expect(rows).toHaveLength(tenantScopedTables.length);
    for (const r of rows) expect(r.first, r.table).toBe('tenant_id');
  });

  // What Citus needs to distribute every tenant table by tenant_id (docs/scaling.md): each
  // unique index can only be enforced per shard, and each foreign key between two tenant tables
  // must stay inside one tenant, so both lead with tenant_id.
  it('leads every unique index and every foreign key between tenant tables with tenant_id', async () => {
    const unique = await owner()`
      select c.relname as table, i.relname as index, a.attname as first
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      left join pg_attribute a on a.attrelid = c.oid and a.attnum = x.indkey[0]
      where x.indisunique and c.relname = any(${[...tenantScopedTables]})`;
    expect(unique.length).toBeGreaterThan(tenantScopedTables.length);
    expect(unique.filter((u) => u.first !== 'tenant_id').map((u) => `${u.table}.${u.index}`)).toEqual([]);
    const fks = await owner()`
      select c.relname as table, k.conname as fk, f.relname as references,
             (select attname from pg_attribute where attrelid = k.conrelid and attnum = k.conkey[1]) as first,
             (select attname from pg_attribute where attrelid = k.confrelid and attnum = k.confkey[1]) as ref_first
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class f on f.oid = k.confrelid
      where k.contype = 'f' and c.relname = any(${[...tenantScopedTables]}) and f.relname = any(${[...tenantScopedTables]})`;
    expect(fks.length).toBeGreaterThan(5);
    expect(fks.filter((f) => f.first !== 'tenant_id' || f.ref_first !== 'tenant_id').map((f) => `${f.table}.${f.fk}`)).toEqual([]);
  });

  it('grants the runtime role exactly what the privilege map says, for every table', async () => {
    const tables = await owner()`select tablename from pg_tables where schemaname = 'public' order by 1`;
    expect(tables.map((t) => t.tablename).sort()).toEqual(Object.keys(runtimeTablePrivileges).sort());
    const grants = await owner()`
      select table_name, array_agg(privilege_type::text order by privilege_type) as privs
      from information_schema.role_table_grants where grantee = 'portal_app_test' and table_schema = 'public' group by table_name`;
    for (const g of grants) expect(g.privs, g.table_name).toEqual([...runtimeTablePrivileges[g.table_name]!].sort());
  });
});

describe('with no tenant context', () => {
  it('every tenant table reads as empty and rejects writes', async () => {
    const northwind = await tenantId('northwind');
    for (const table of [...tenantScopedTables, 'partner_tenant_links']) {
      const [{ n }] = (await app.unsafe(`select count(*)::int as n from ${table}`)) as unknown as [{ n: number }];
      expect(n, table).toBe(0);
    }
    await expect(
      app`insert into users (tenant_id, email, name) values (${northwind}, 'ghost@northwind.example', 'Ghost')`,
    ).rejects.toThrow(/row-level security/);
  });
});

describe('across tenants at the database', () => {
  it("lets tenant A neither see, change, delete nor create tenant B's rows", async () => {
    const [a, b] = [await tenantId('globex'), await tenantId('northwind')];
    const [{ total }] = (await owner()`select count(*)::int as total from users where tenant_id = ${b}`) as unknown as [{ total: number }];
    await asTenant(a, async (sql) => {
      expect(await sql`select id from users where tenant_id = ${b}`).toHaveLength(0);
      expect((await sql`update users set name = 'pwned' where tenant_id = ${b}`).count).toBe(0);
      expect((await sql`delete from sessions where tenant_id = ${b}`).count).toBe(0);
      expect(await sql`select id from partner_tenant_links`).toHaveLength(0);
    });
    await expect(
      asTenant(a, (sql) => sql`insert into users (tenant_id, email, name) values (${b}, 'x@northwind.example', 'X')`),
    ).rejects.toThrow(/row-level security/);
    const after = await owner()`select count(*)::int as total, count(*) filter (where name = 'pwned')::int as pwned from users where tenant_id = ${b}`;
    expect(after[0]).toEqual({ total, pwned: 0 });
  });
});

describe('the connection pool', () => {
  it('never carries one transaction\'s tenant into the next statement on the same connection', async () => {
    const northwind = await tenantId('northwind');
    const seen = await asTenant(northwind, (sql) => sql`select count(*)::int as n from users`);
    expect(seen[0]!.n).toBeGreaterThan(200);
    // Same single connection (max: 1), next statement outside any transaction.
    const [{ n }] = (await app`select count(*)::int as n from users`) as unknown as [{ n: number }];
    expect(n).toBe(0);
    const [settings] = await app`select current_setting('app.tenant_id', true) as t, current_setting('app.tenant_ids', true) as ts`;
    expect(settings).toEqual({ t: '', ts: '' });
  });

  it('keeps concurrent transactions on a shared pool apart', async () => {
    const pool = postgres(process.env.DATABASE_APP_URL!, { max: 3, onnotice: () => {} });
    const slugs = ['northwind', 'contoso', 'fabrikam', 'globex'];
    const ids = await Promise.all(slugs.map(tenantId));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const t = ids[i % ids.length]!;
        return pool.begin(async (sql) => {
          await sql`select set_config('app.tenant_id', ${t}, true), set_config('app.tenant_ids', ${`{${t}}`}, true)`;
          await sql`select pg_sleep(0.005)`;
          return { t, rows: await sql`select distinct tenant_id from users` };
        });
      }),
    );
    await pool.end();
    for (const r of results) expect(r.rows.map((x) => x.tenant_id)).toEqual([r.t]);
  });
});

describe('a scoped transaction', () => {
  it("sees its scope in its very first statement (the scope is pipelined ahead of it)", async () => {
    const { inTenantScope } = await import('@/lib/data/tx');
    const { sql } = await import('drizzle-orm');
    const tenants = [await tenantId('northwind'), await tenantId('globex'), await tenantId('contoso')];
    const seen = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const tenant = tenants[i % tenants.length]!;
        return inTenantScope({ tenantId: tenant }, async (tx) => {
          const [first] = await tx.execute<{ t: string; n: number }>(
            sql`select current_setting('app.tenant_id', true) as t, (select count(*)::int from users where tenant_id = ${tenant}) as n`,
          );
          return { tenant, ...first! };
        });
      }),
    );
    for (const s of seen) {
      expect(s.t).toBe(s.tenant);
      expect(s.n).toBeGreaterThan(0);
    }
  });
});

import type postgres from 'postgres';
import { runtimeTablePrivileges, tenantScopedTables } from '@/db/grants';

/**
 * Database-level isolation checks, written as functions that return what they found wrong, so
 * the suite can also prove they fail on a database with a weakened policy.
 */

const READ_POLICY =
  /^\(tenant_id = ANY \(ARRAY\(\s*SELECT unnest\(\(NULLIF\(current_setting\('app\.tenant_ids'::text, true\), ''::text\)\)::uuid\[\]\) AS unnest\)\)\)$/;
const WRITE_POLICY =
  /^\(tenant_id = \(\s*SELECT \(NULLIF\(current_setting\('app\.tenant_id'::text, true\), ''::text\)\)::uuid AS "nullif"\)\)$/;

/** Every table with a tenant_id: RLS enabled and forced, exactly one policy of the expected shape. */
export async function catalogueViolations(owner: postgres.Sql): Promise<string[]> {
  const rows = await owner`
    select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
           coalesce(json_agg(json_build_object('qual', p.qual, 'check', p.with_check, 'cmd', p.cmd, 'permissive', p.permissive))
                    filter (where p.policyname is not null), '[]') as policies
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    left join pg_policies p on p.schemaname = 'public' and p.tablename = c.relname
    where c.relkind in ('r', 'p') group by c.relname, c.relrowsecurity, c.relforcerowsecurity order by c.relname`;
  const found: string[] = [];
  const listed = new Set<string>(tenantScopedTables);
  for (const r of rows) {
    const t = r.table as string;
    if (!listed.has(t)) found.push(`${t}: has tenant_id but is not in tenantScopedTables`);
    if (!r.enabled) found.push(`${t}: RLS not enabled`);
    if (!r.forced) found.push(`${t}: RLS not forced`);
    const policies = r.policies as { qual: string; check: string; cmd: string; permissive: string }[];
    if (policies.length !== 1) found.push(`${t}: expected one policy, found ${policies.length}`);
    for (const p of policies) {
      if (p.cmd !== 'ALL' || p.permissive !== 'PERMISSIVE') found.push(`${t}: policy is ${p.permissive} ${p.cmd}`);
      if (!READ_POLICY.test(p.qual ?? '')) found.push(`${t}: read policy has an unexpected shape: ${p.qual}`);
      if (!WRITE_POLICY.test(p.check ?? '')) found.push(`${t}: write check has an unexpected shape: ${p.check}`);
    }
  }
  for (const t of listed) if (!rows.some((r) => r.table === t)) found.push(`${t}: listed but has no tenant_id column`);
  return found;
}

/**
 * As the runtime role acting in tenant A, every tenant table: B's rows are invisible, updates
 * and deletes touch 0 of them, and inserting one of B's rows (copied by the owner) fails.
 * Returns the violations and the number of checks made.
 */
export async function crossTenantViolations(
  owner: postgres.Sql,
  app: postgres.Sql,
  a: string,
  b: string,
): Promise<{ violations: string[]; checks: number }> {
  const violations: string[] = [];
  let checks = 0;
  for (const table of tenantScopedTables) {
    const [sample] = await owner.unsafe(`select to_jsonb(x)::text as row from ${table} x where tenant_id = $1 limit 1`, [b]);
    if (!sample) {
      violations.push(`${table}: tenant B has no row to attack (seed one)`);
      continue;
    }
    const scoped = <T>(fn: (sql: postgres.TransactionSql) => Promise<T>) =>
      app.begin(async (sql) => {
        await sql`select set_config('app.tenant_id', ${a}, true), set_config('app.tenant_ids', ${`{${a}}`}, true)`;
        return fn(sql);
      }) as Promise<T>;

    const seen = await scoped((sql) => sql.unsafe(`select count(*)::int as n from ${table} where tenant_id = $1`, [b]));
    checks++;
    if (seen[0]!.n !== 0) violations.push(`${table}: tenant A sees ${seen[0]!.n} of B's rows`);

    const updated = await scoped((sql) => sql.unsafe(`update ${table} set tenant_id = tenant_id where tenant_id = $1`, [b])).catch(
      (e: Error) => ({ count: 0, denied: e.message }),
    );
    checks++;
    if (updated.count !== 0) violations.push(`${table}: tenant A updated ${updated.count} of B's rows`);

    if (runtimeTablePrivileges[table]?.includes('DELETE')) {
      // A delete that reaches B's rows may also fail on a foreign key: reaching them is the violation.
      const deleted = await scoped((sql) => sql.unsafe(`delete from ${table} where tenant_id = $1`, [b])).catch(
        (e: Error) => ({ count: -1, error: e.message }),
      );
      checks++;
      if (deleted.count > 0) violations.push(`${table}: tenant A deleted ${deleted.count} of B's rows`);
      if (deleted.count < 0) violations.push(`${table}: deleting B's rows as A reached them ("${'error' in deleted ? deleted.error : ''}")`);
    }

    const inserted = await scoped((sql) =>
      sql.unsafe(`insert into ${table} overriding system value select * from jsonb_populate_record(null::${table}, $1::text::jsonb)`, [
        sample.row as string,
      ]),
    ).then(
      () => 'inserted',
      (e: Error) => e.message,
    );
    checks++;
    if (!/row-level security/.test(inserted)) violations.push(`${table}: inserting B's row as A gave "${inserted}"`);
  }
  return { violations, checks };
}

import { sql } from 'drizzle-orm';
import { inTenantScope, type Tx } from '@/lib/data/tx';

const literal = (v: unknown) =>
  typeof v === 'number' ? String(v) : v instanceof Date ? `'${v.toISOString()}'` : `'${String(v).replaceAll("'", "''")}'`;

/**
 * EXPLAIN of a data-layer query as the runtime role in the tenant's scope (RLS applies), with its
 * parameters inlined as the generic plan would see them. Fails the caller on a sequential scan
 * or a sort: a list must walk its (tenant_id, ...) index, never read or sort a whole tenant.
 * The demo tenants are small and carry no statistics, so sorting a page's worth of rows costs
 * the planner next to nothing and which plan it picks is chance; with sorting priced out
 * (enable_sort off, as it is at scale) the plan shows whether an index serves the list's order.
 */
export async function planOf(tenantId: string, build: (tx: Tx) => { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  return inTenantScope({ tenantId }, async (tx) => {
    const q = build(tx).toSQL();
    await tx.execute(sql`set local enable_sort = off`);
    const rows = await tx.execute<{ 'QUERY PLAN': string }>(
      sql.raw(`explain ${q.sql.replace(/\$(\d+)/g, (_, i: string) => literal(q.params[Number(i) - 1]))}`),
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/** The node a plan line hangs from (InitPlans and their children skipped), without its arrow. */
export function parentOf(plan: string, node: RegExp): string {
  const lines = plan.split('\n');
  const at = lines.findIndex((l) => node.test(l));
  if (at < 0) return `(no ${node.source})`;
  const depth = (l: string) => l.search(/\S/);
  for (let i = at - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (depth(line) < depth(lines[at]!) && !/^\s*(InitPlan|SubPlan)/.test(line) && !/ProjectSet|Result/.test(line)) return line.trim().replace(/^->\s+/, '');
  }
  return '(root)';
}

import { describe, expect, it } from 'vitest';
import { tenantScopedTables } from '@/db/grants';
import { getAccount } from '@/lib/data/account';
import { getKycSubmission, listKycQueue } from '@/lib/data/kyc';
import { listUsers, getUserOrThrow } from '@/lib/data/users';
import { listTickets } from '@/lib/data/tickets';
import { listMySessions } from '@/lib/data/sessions';
import { getTypeOverview } from '@/lib/data/user-types';
import { listAuditEvents } from '@/lib/data/audit-log';
import { explainPermissions, listRoles } from '@/lib/data/roles';
import { tenantNumbers } from '@/lib/data/overview';
import { listPolicies } from '@/lib/data/policies';
import { listMyPlanCards, listPlans } from '@/lib/data/plans';
import { getMySubscription, getSubscription, listSubscriptions } from '@/lib/data/subscriptions';
import { contextFor, owner, userId } from '../support/world';

type Node = { 'Node Type': string; 'Parent Relationship'?: string; Alias?: string; 'Relation Name'?: string; 'Index Cond'?: string; Filter?: string; 'Recheck Cond'?: string; 'Hash Cond'?: string; 'Join Filter'?: string; Plans?: Node[] };

// What Citus needs to route a statement to one shard: the statement itself names the tenant.
// Row-level security adds a tenant predicate to every scan at run time, so the plans are read as
// the owner (who bypasses it): what is left is the query's own predicates.
describe('query plans', () => {
  it('every scan of a tenant table that the data layer asks for names tenant_id itself, not only through RLS', async () => {
    const seen: { query: string; params: unknown[] }[] = [];
    const g = globalThis as { __portalQueryObserver?: (q: string, p: unknown[]) => void };
    g.__portalQueryObserver = (query, params) => seen.push({ query, params });
    try {
      const admin = await contextFor('northwind', 'admin@northwind.example');
      const reviewer = await contextFor('northwind', 'reviewer@northwind.example');
      const alice = await contextFor('acme-msp', 'alice@acme-msp.example', 'northwind');
      const ben = await contextFor('northwind', 'basic@northwind.example');
      await listUsers(admin, {});
      await listUsers(alice, {});
      await getUserOrThrow(alice, { id: await userId('northwind', 'basic@northwind.example') });
      await getTypeOverview(admin, { id: await userId('northwind', 'basic@northwind.example') });
      await listTickets(admin, {});
      const queue = await listKycQueue(reviewer, {});
      await getKycSubmission(reviewer, { id: queue.items[0]!.id });
      await getAccount(ben);
      await listMySessions(ben);
      await listAuditEvents(admin, {});
      await listAuditEvents(alice, {});
      await listRoles(admin);
      await explainPermissions(admin, { userId: await userId('northwind', 'basic@northwind.example') });
      await tenantNumbers(admin);
      await listPolicies(admin);
      await listPlans(admin, {});
      const subs = await listSubscriptions(alice, { state: 'signed' });
      await listSubscriptions(admin, { planId: subs.items[0]!.plan.id });
      await getSubscription(admin, { id: subs.items[0]!.id });
      await listMyPlanCards(ben);
      await getMySubscription(await contextFor('northwind', 'advanced@northwind.example'));
    } finally {
      delete g.__portalQueryObserver;
    }
    const tables = new Set(tenantScopedTables);
    const problems: string[] = [];
    for (const { query, params } of seen) {
      if (!/^\s*(select|with)/i.test(query) || /set_config|portal_request_context/.test(query)) continue;
      // As the owner: row-level security adds nothing, so the plan shows the query's own predicates.
      const [row] = await owner().unsafe(`explain (format json) ${query}`, params as never[]);
      // A correlated subquery (array(select … where rp.tenant_id = roles.tenant_id …)) shows only
      // its other predicates once the planner knows the outer tenant: it counts when the statement
      // joins it on tenant_id by its alias.
      const walk = (n: Node, inSubquery: boolean) => {
        const sub = inSubquery || n['Parent Relationship'] === 'SubPlan' || n['Parent Relationship'] === 'InitPlan';
        if (n['Relation Name'] && tables.has(n['Relation Name'])) {
          const preds = [n['Index Cond'], n.Filter, n['Recheck Cond']].filter(Boolean).join(' ');
          const joinedByAlias = sub && n.Alias !== undefined && query.includes(`${n.Alias}.tenant_id`);
          if (!/tenant_id/.test(preds) && !joinedByAlias) problems.push(`${n['Relation Name']} (${n['Node Type']}) in: ${query.slice(0, 160)}`);
        }
        for (const c of n.Plans ?? []) walk(c, sub);
      };
      walk((row!['QUERY PLAN'] as [{ Plan: Node }])[0].Plan, false);
    }
    console.log(`query plans: ${seen.length} statements seen`);
    // Every data function above was watched (a silent observer would pass any plan).
    expect(seen.filter(({ query }) => /^\s*(select|with)/i.test(query)).length).toBeGreaterThanOrEqual(25);
    expect(problems).toEqual([]);
  });
});

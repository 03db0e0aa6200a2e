import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import type { CanaryWorld } from '../fixtures/canaries';
import { plantPlan, plantSubscription, plantUser } from './matrix-plans';
import type { RouteSpec, Target } from './matrix-specs';

// The isolation matrix's cases for the documents' API (app/api/external, app/api/partner,
// app/api/subscriptions; merged into matrix-specs.ts). Like every route they run with cookies and
// with API keys, at home and through the link (X-Active-Tenant-Id); their statuses are the
// contract's (invalid input and conflicts 400). Naming a tenant by provider_id is driven by
// e2e/documents-api.spec.ts.

type Acting = 'home' | 'northwind';
const tenantOf = (w: CanaryWorld, acting: Acting) => (acting === 'home' ? w.acmeId : w.northwindId);

async function numberOf(owner: postgres.Sql, userId: string): Promise<string> {
  const [row] = await owner`select customer_number from users where id = ${userId}`;
  return row!.customer_number as string;
}
const plantedNumber = async (owner: postgres.Sql, w: CanaryWorld, acting: Acting) => numberOf(owner, await plantUser(owner, tenantOf(w, acting)));
const foreignNumber = (w: CanaryWorld, owner: postgres.Sql) => numberOf(owner, w.foreignUserId);

/** A planted subscriber with a live subscription: the user's number and the plan. */
async function subscriber(owner: postgres.Sql, w: CanaryWorld, acting: Acting, state: 'signing' | 'signed') {
  const id = await plantSubscription(owner, w, acting, state);
  const [row] = await owner`select u.customer_number, s.plan_id from subscriptions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id where s.id = ${id}`;
  return { number: row!.customer_number as string, planId: row!.plan_id as string };
}
const planBody = () => ({ name: `Matrix documents plan ${randomUUID()}`, available_for: ['basic'], price: 9.99, billing_cycle: 'monthly', active: true });

export const documentRoutes: Record<string, RouteSpec> = {
  'GET /api/external/user': {
    kind: 'api',
    ok: 200,
    invalid: 400,
    own: async (w, owner, acting) => ({ path: `/api/external/user?user_id=${await plantedNumber(owner, w, acting)}` }),
    foreign: async (w, owner) => ({ path: `/api/external/user?user_id=${await foreignNumber(w, owner)}` }),
  },
  // Through msp_full the partner record is settings (not granted): 403.
  'GET /api/partner': { kind: 'api', ok: 200, viaLink: 403, invalid: 400, own: async () => ({ path: '/api/partner' }) },
  'GET /api/subscriptions/plans': { kind: 'api', ok: 200, invalid: 400, own: async () => ({ path: '/api/subscriptions/plans?user_types=basic,company' }) },
  'POST /api/subscriptions/plans': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    invalid: 400,
    own: async () => ({ path: '/api/subscriptions/plans', body: planBody() }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from plans where name = ${(t.body as { name: string }).name}`).toHaveLength(0);
    },
  },
  'PUT /api/subscriptions/plans/[plan_id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    invalid: 400,
    own: async (w, owner, acting) => ({ path: `/api/subscriptions/plans/${await plantPlan(owner, tenantOf(w, acting))}`, body: { name: `Matrix renamed ${randomUUID()}` } }),
    foreign: (w) => ({ path: `/api/subscriptions/plans/${w.foreignPlanId}`, body: { name: `Matrix renamed ${randomUUID()}` } }),
    intact: async (owner, t: Target) => {
      const rows = await owner`select name from plans where id = ${t.path.split('/').at(-1)!}`;
      expect(rows.map((r) => r.name)).toEqual([expect.stringMatching(/^Matrix plan /)]);
    },
  },
  'DELETE /api/subscriptions/plans/[plan_id]': {
    kind: 'api',
    ok: 204,
    viaLink: 403,
    invalid: 400,
    own: async (w, owner, acting) => ({ path: `/api/subscriptions/plans/${await plantPlan(owner, tenantOf(w, acting))}` }),
    foreign: (w) => ({ path: `/api/subscriptions/plans/${w.foreignPlanId}` }),
    intact: async (owner, t: Target) => {
      expect(await owner`select 1 from plans where id = ${t.path.split('/').at(-1)!}`).toHaveLength(1);
    },
  },
  'POST /api/subscriptions/[user_id]/subscribe/[plan_id]': {
    kind: 'api',
    ok: 200,
    invalid: 400,
    own: async (w, owner, acting) => {
      const number = await plantedNumber(owner, w, acting);
      return { path: `/api/subscriptions/${number}/subscribe/${await plantPlan(owner, tenantOf(w, acting))}`, body: { user_id: number } };
    },
    foreign: async (w, owner) => ({ path: `/api/subscriptions/${await foreignNumber(w, owner)}/subscribe/${w.foreignPlanId}`, body: {} }),
    intact: async (owner, t: Target) => {
      const number = t.path.split('/')[3]!;
      expect(await owner`select 1 from subscriptions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id where u.customer_number = ${number} and u.email like 'matrix-%'`).toHaveLength(0);
    },
  },
  // Confirmed with a wrong code: the matrix never learns the mailed one (the journey uses it).
  'POST /api/subscriptions/[user_id]/confirm/[plan_id]': {
    kind: 'api',
    ok: 400,
    invalid: 400,
    own: async (w, owner, acting) => {
      const s = await subscriber(owner, w, acting, 'signing');
      return { path: `/api/subscriptions/${s.number}/confirm/${s.planId}`, body: { confirmation_code: '000000' } };
    },
    foreign: async (w, owner) => ({ path: `/api/subscriptions/${await foreignNumber(w, owner)}/confirm/${w.foreignPlanId}`, body: { confirmation_code: '000000' } }),
  },
  'GET /api/subscriptions/status': {
    kind: 'api',
    ok: 200,
    invalid: 400,
    own: async (w, owner, acting) => ({ path: `/api/subscriptions/status?user_id=${(await subscriber(owner, w, acting, 'signed')).number}` }),
    foreign: async (w, owner) => ({ path: `/api/subscriptions/status?user_id=${await foreignNumber(w, owner)}` }),
  },
  'POST /api/subscriptions/[user_id]/unsubscribe': {
    kind: 'api',
    ok: 200,
    invalid: 400,
    own: async (w, owner, acting) => ({ path: `/api/subscriptions/${(await subscriber(owner, w, acting, 'signed')).number}/unsubscribe` }),
    foreign: async (w, owner) => ({ path: `/api/subscriptions/${await foreignNumber(w, owner)}/unsubscribe` }),
    intact: async (owner, t: Target) => {
      const rows = await owner`select s.state from subscriptions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
        where u.customer_number = ${t.path.split('/')[3]!} and u.name = 'Matrix Subscriber' and s.tenant_id = (select id from tenants where slug = 'acme-msp')`;
      expect(rows.map((r) => r.state)).toEqual(['signed']);
    },
  },
};

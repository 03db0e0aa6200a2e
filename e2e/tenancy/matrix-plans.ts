import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import { plantRegistryTenant, type CanaryWorld } from '../fixtures/canaries';
import type { ActionSpec, RouteSpec, Target } from './matrix-specs';

// The isolation matrix's cases for plans and subscriptions (merged into matrix-specs.ts). Targets
// are planted by the owner: a plan, a subscriber and a subscription in the acting tenant (acme at
// home, northwind through the link), or acme's admin's own subscription for the self routes.

type Acting = 'home' | 'northwind';
const tenantOf = (w: CanaryWorld, acting: Acting) => (acting === 'home' ? w.acmeId : w.northwindId);
const hex = () => randomBytes(4).toString('hex');

export async function plantPlan(owner: postgres.Sql, tenantId: string): Promise<string> {
  const [p] = await owner`insert into plans (tenant_id, name, price_minor, currency, billing_cycle, available_for)
    values (${tenantId}, ${`Matrix plan ${hex()}`}, 1000, 'USD', 'monthly', '{basic,advanced,company}') returning id`;
  return p!.id as string;
}

export async function plantUser(owner: postgres.Sql, tenantId: string): Promise<string> {
  // Dated long ago, so the planted subscribers stay off the first page of other journeys' lists.
  const [u] = await owner`insert into users (tenant_id, email, name, type, created_at)
    values (${tenantId}, ${`matrix-${hex()}@matrix.example`}, 'Matrix Subscriber', 'basic', now() - interval '20 years') returning id`;
  return u!.id as string;
}

type State = 'signing' | 'signed' | 'suspended';
type Options = { confirmed?: boolean; cancelAtPeriodEnd?: boolean };

async function insertSubscription(owner: postgres.Sql, tenantId: string, userId: string, state: State, o: Options = {}): Promise<string> {
  const planId = await plantPlan(owner, tenantId);
  const live = state !== 'signing';
  const [s] = await owner`insert into subscriptions (tenant_id, user_id, plan_id, state, price_minor, currency, billing_cycle, confirmed_at,
      anchor_at, current_period_start, current_period_end, cancel_at_period_end, suspended_at, suspension_reason, suspension_note)
    values (${tenantId}, ${userId}, ${planId}, ${state}, 1000, 'USD', 'monthly', ${live || o.confirmed ? new Date() : null},
      ${live ? new Date() : null}, ${live ? new Date() : null}, ${live ? new Date(Date.now() + 30 * 86_400_000) : null}, ${o.cancelAtPeriodEnd ?? false},
      ${state === 'suspended' ? new Date() : null}, ${state === 'suspended' ? 'admin' : null}, ${state === 'suspended' ? 'Matrix' : null}) returning id`;
  if (state === 'signing') {
    await owner`insert into subscription_codes (tenant_id, subscription_id, code_hash, expires_at, created_at)
      values (${tenantId}, ${s!.id}, 'matrix', now() + interval '10 minutes', now() - interval '5 minutes')`;
  }
  return s!.id as string;
}

/** A subscription of a fresh subscriber in the acting tenant (staff routes act on it). */
export async function plantSubscription(owner: postgres.Sql, w: CanaryWorld, acting: Acting, state: State, o: Options = {}): Promise<string> {
  const tenantId = tenantOf(w, acting);
  return insertSubscription(owner, tenantId, await plantUser(owner, tenantId), state, o);
}

/** Acme's admin's own subscription (the self routes act on the caller's); any earlier live one ends. */
export async function plantOwnSubscription(owner: postgres.Sql, w: CanaryWorld, state: State, o: Options = {}): Promise<string> {
  await owner`update subscriptions set state = 'unsigned', ended_at = now(), suspended_at = null, suspension_reason = null
    where tenant_id = ${w.acmeId} and user_id = ${w.acmeAdminId} and state in ('signing', 'signed', 'suspended')`;
  return insertSubscription(owner, w.acmeId, w.acmeAdminId, state, o);
}

const planBody = () => ({ name: `Matrix plan ${hex()}`, priceMinor: 999, currency: 'USD', billingCycle: 'monthly', availableFor: ['basic'] });
const stateIs = (state: string) => async (owner: postgres.Sql, t: Target) => {
  const id = t.path.split('/')[4]!;
  const rows = await owner`select state from subscriptions where id = ${id}`;
  expect(rows.map((r) => r.state)).toEqual([state]);
};
const planIdOf = (t: Target) => t.path.split('/')[4]!.split('?')[0]!;

export const planRoutes: Record<string, RouteSpec> = {
  'GET /api/v1/plans': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/plans?user_types=basic,company' }) },
  'POST /api/v1/plans': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    own: async () => ({ path: '/api/v1/plans', body: planBody() }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from plans where name = ${(t.body as { name: string }).name}`).toHaveLength(0);
    },
  },
  'GET /api/v1/plans/preview': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/plans/preview?as=advanced' }) },
  'GET /api/v1/plans/[id]': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/plans/${await plantPlan(owner, tenantOf(w, acting))}` }),
    foreign: (w) => ({ path: `/api/v1/plans/${w.foreignPlanId}` }),
  },
  'PUT /api/v1/plans/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (w, owner, acting) => ({ path: `/api/v1/plans/${await plantPlan(owner, tenantOf(w, acting))}`, body: { ...planBody(), name: `Changed ${hex()}` } }),
    foreign: (w) => ({ path: `/api/v1/plans/${w.foreignPlanId}`, body: planBody() }),
    intact: async (owner, t) => {
      const rows = await owner`select name from plans where id = ${planIdOf(t)}`;
      expect(rows.map((r) => String(r.name).startsWith('Matrix plan'))).toEqual([true]);
    },
  },
  'DELETE /api/v1/plans/[id]': {
    kind: 'api',
    ok: 204,
    viaLink: 403,
    own: async (w, owner, acting) => ({ path: `/api/v1/plans/${await plantPlan(owner, tenantOf(w, acting))}` }),
    foreign: (w) => ({ path: `/api/v1/plans/${w.foreignPlanId}` }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from plans where id = ${planIdOf(t)}`).toHaveLength(1);
    },
  },
  'POST /api/v1/plans/[id]/discontinue': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (w, owner, acting) => ({ path: `/api/v1/plans/${await plantPlan(owner, tenantOf(w, acting))}/discontinue` }),
    foreign: (w) => ({ path: `/api/v1/plans/${w.foreignPlanId}/discontinue` }),
    intact: async (owner, t) => {
      const rows = await owner`select active from plans where id = ${planIdOf(t)}`;
      expect(rows.map((r) => r.active)).toEqual([true]);
    },
  },
  'GET /api/v1/subscriptions': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/subscriptions?state=signed&limit=100' }) },
  'GET /api/v1/subscriptions/[id]': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/subscriptions/${await plantSubscription(owner, w, acting, 'signed')}` }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSubscriptionId}` }),
  },
  // Self-service: acme's admin holds subscriptions.self but is staff, so the real call is refused
  // as input (422); a basic end user subscribes in e2e/subscriptions.spec.ts.
  'POST /api/v1/subscriptions': {
    kind: 'api',
    ok: 422,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => ({ path: '/api/v1/subscriptions', body: { planId: await plantPlan(owner, w.acmeId) } }),
    foreign: (w) => ({ path: '/api/v1/subscriptions', body: { planId: w.foreignPlanId } }),
  },
  'POST /api/v1/subscriptions/[id]/confirm': {
    kind: 'api',
    ok: 422,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/subscriptions/${await plantOwnSubscription(owner, w, 'signing')}/confirm`, body: { code: '000000', signedName: 'Not The Admin', consent: true } }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSigningId}/confirm`, body: { code: '000000', signedName: 'Anyone', consent: true } }),
  },
  'POST /api/v1/subscriptions/[id]/code': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/subscriptions/${await plantOwnSubscription(owner, w, 'signing')}/code` }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSigningId}/code` }),
  },
  'POST /api/v1/subscriptions/[id]/withdraw': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/subscriptions/${await plantOwnSubscription(owner, w, 'signing')}/withdraw` }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSigningId}/withdraw` }),
  },
  'POST /api/v1/subscriptions/[id]/approve': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/subscriptions/${await plantSubscription(owner, w, acting, 'signing', { confirmed: true })}/approve` }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSigningId}/approve` }),
    intact: stateIs('signing'),
  },
  'POST /api/v1/subscriptions/[id]/reject': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/subscriptions/${await plantSubscription(owner, w, acting, 'signing')}/reject`, body: { reason: 'Matrix says no' } }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSigningId}/reject`, body: { reason: 'Matrix says no' } }),
    intact: stateIs('signing'),
  },
  'POST /api/v1/subscriptions/[id]/suspend': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/subscriptions/${await plantSubscription(owner, w, acting, 'signed')}/suspend`, body: { reason: 'admin', note: 'Matrix suspension' } }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSubscriptionId}/suspend`, body: { reason: 'admin', note: 'Matrix suspension' } }),
    intact: stateIs('signed'),
  },
  'POST /api/v1/subscriptions/[id]/resume': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/subscriptions/${await plantSubscription(owner, w, acting, 'suspended')}/resume`, body: { note: 'Matrix resumes' } }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSubscriptionId}/resume`, body: { note: 'Matrix resumes' } }),
    intact: stateIs('suspended'),
  },
  'POST /api/v1/subscriptions/[id]/cancel': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/subscriptions/${await plantSubscription(owner, w, acting, 'signed')}/cancel`, body: { at_period_end: false, reason: 'Matrix' } }),
    foreign: (w) => ({ path: `/api/v1/subscriptions/${w.foreignSubscriptionId}/cancel`, body: { at_period_end: false } }),
    intact: stateIs('signed'),
  },
  'POST /api/v1/users/[id]/subscription': {
    kind: 'api',
    ok: 201,
    own: async (w, owner, acting) => {
      const tenantId = tenantOf(w, acting);
      return { path: `/api/v1/users/${await plantUser(owner, tenantId)}/subscription`, body: { planId: await plantPlan(owner, tenantId), reason: 'Matrix assigns' } };
    },
    foreign: (w) => ({ path: `/api/v1/users/${w.foreignUserId}/subscription`, body: { planId: w.foreignPlanId, reason: 'Matrix assigns' } }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from subscriptions where user_id = ${t.path.split('/')[4]!}`).toHaveLength(0);
    },
  },
  'GET /api/v1/me/subscription': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me/subscription' }) },
  'GET /api/v1/me/plans': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me/plans' }) },
  'POST /api/v1/me/subscription/cancel': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => {
      await plantOwnSubscription(owner, w, 'signed');
      return { path: '/api/v1/me/subscription/cancel', body: { at_period_end: true, reason: 'Matrix' } };
    },
  },
  'POST /api/v1/me/subscription/keep': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => {
      await plantOwnSubscription(owner, w, 'signed', { cancelAtPeriodEnd: true });
      return { path: '/api/v1/me/subscription/keep' };
    },
  },
};

const acmePlan = async (w: CanaryWorld, owner: postgres.Sql) => plantPlan(owner, w.acmeId);
const subscriptionIs = (state: string) => async (owner: postgres.Sql, args: unknown[]) => {
  const rows = await owner`select state from subscriptions where id = ${(args[1] as { id: string }).id}`;
  expect(rows.map((r) => r.state)).toEqual([state]);
};

export const planActions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/plans/actions.ts#createPlanAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/plans`,
    own: async (_w, _owner, slug) => [slug, planBody()],
    malformed: (slug) => [slug, { ...planBody(), availableFor: ['guest'] }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from plans where name = ${(args[1] as { name: string }).name}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/plans/actions.ts#updatePlanAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/plans`,
    own: async (w, owner, slug) => [slug, { id: await acmePlan(w, owner), ...planBody() }],
    foreign: (w, slug) => [slug, { id: w.foreignPlanId, ...planBody() }],
    malformed: (slug) => [slug, { id: 'x', ...planBody(), priceMinor: -5 }],
    intact: async (owner, args) => {
      const rows = await owner`select name from plans where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.name)).not.toEqual([(args[1] as { name: string }).name]);
    },
  },
  'app/(portal)/t/[tenant]/plans/actions.ts#discontinuePlanAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/plans`,
    own: async (w, owner, slug) => [slug, { id: await acmePlan(w, owner) }],
    foreign: (w, slug) => [slug, { id: w.foreignPlanId }],
    malformed: (slug) => [slug, { id: "1' or '1'='1" }],
    intact: async (owner, args) => {
      const rows = await owner`select active from plans where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.active)).toEqual([true]);
    },
  },
  'app/(portal)/t/[tenant]/plans/actions.ts#deletePlanAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/plans`,
    own: async (w, owner, slug) => [slug, { id: await acmePlan(w, owner) }],
    foreign: (w, slug) => [slug, { id: w.foreignPlanId }],
    malformed: (slug) => [slug, { id: 'x' }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from plans where id = ${(args[1] as { id: string }).id}`).toHaveLength(1);
    },
  },
  'app/(portal)/t/[tenant]/subscriptions/actions.ts#subscriptionStepAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/subscriptions`,
    own: async (w, owner, slug) => [slug, { step: 'suspend', id: await plantSubscription(owner, w, 'home', 'signed'), reason: 'policy_violation', note: 'Matrix suspension' }],
    foreign: (w, slug) => [slug, { step: 'suspend', id: w.foreignSubscriptionId, reason: 'admin', note: 'Matrix suspension' }],
    malformed: (slug) => [slug, { step: 'suspend', id: 'x', reason: 'because' }],
    intact: subscriptionIs('signed'),
  },
  'app/(portal)/t/[tenant]/subscriptions/actions.ts#assignPlanAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/subscriptions`,
    own: async (w, owner, slug) => {
      const [u] = await owner`insert into users (tenant_id, email, name, type, created_at)
        values (${w.acmeId}, ${`matrix-${hex()}@matrix.example`}, 'Matrix Subscriber', 'basic', now() - interval '20 years') returning id`;
      return [slug, { userId: u!.id, planId: await acmePlan(w, owner), reason: 'Matrix assigns' }];
    },
    foreign: (w, slug) => [slug, { userId: w.foreignUserId, planId: w.foreignPlanId, reason: 'Matrix assigns' }],
    malformed: (slug) => [slug, { userId: 'x', planId: 'y', reason: '' }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from subscriptions where user_id = ${(args[1] as { userId: string }).userId}`).toHaveLength(0);
    },
  },
  // Acme's admin is staff: subscribing is refused as input; signing their planted signing with a
  // wrong name is refused too. The end user's real journey is e2e/subscriptions.spec.ts.
  'app/(portal)/t/[tenant]/account/plans/actions.ts#subscribeAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/account/plans`,
    own: async (w, owner, slug) => [slug, { planId: await acmePlan(w, owner), key: randomUUID() }],
    foreign: (w, slug) => [slug, { planId: w.foreignPlanId, key: randomUUID() }],
    malformed: (slug) => [slug, { planId: 'x', key: 'not-a-uuid' }],
    ownCode: 'VALIDATION_ERROR',
  },
  'app/(portal)/t/[tenant]/account/plans/actions.ts#confirmAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/account/plans`,
    own: async (w, owner, slug) => [slug, { id: await plantOwnSubscription(owner, w, 'signing'), code: '000000', signedName: 'Not The Admin', consent: true, key: randomUUID() }],
    foreign: (w, slug) => [slug, { id: w.foreignSigningId, code: '000000', signedName: 'Anyone', consent: true, key: randomUUID() }],
    malformed: (slug) => [slug, { id: 'x', code: '12', signedName: '', consent: false, key: 'k' }],
    ownCode: 'VALIDATION_ERROR',
  },
  'app/(portal)/t/[tenant]/account/plans/actions.ts#mySubscriptionStepAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/account/plans`,
    own: async (w, owner, slug) => [slug, { step: 'withdraw', id: await plantOwnSubscription(owner, w, 'signing') }],
    foreign: (w, slug) => [slug, { step: 'withdraw', id: w.foreignSigningId }],
    malformed: (slug) => [slug, { step: 'explode' }],
  },
  'app/(portal)/t/[tenant]/settings/actions.ts#updateSubscriptionSettingsAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings`,
    own: async (_w, _owner, slug) => [slug, { allowPlanSwitching: false, signingRequiresApproval: false, suspensionGraceDays: 30 }],
    malformed: (slug) => [slug, { allowPlanSwitching: 'maybe', suspensionGraceDays: 0 }],
  },
};

// Tenant offboarding (platform operators): targets are fresh registry tenants.
const NOWHERE = '00000000-0000-4000-8000-000000000000';
const stoppedLongAgo = async (owner: postgres.Sql) => {
  const id = await plantRegistryTenant(owner, 'stopped');
  await owner`update tenants set stopped_at = now() - interval '31 days' where id = ${id}`;
  const [t] = await owner`select slug from tenants where id = ${id}`;
  return { id, slug: t!.slug as string };
};
const notDeleted = (idOf: (t: Target) => string) => async (owner: postgres.Sql, t: Target) => {
  const rows = await owner`select deleted_at from tenants where id = ${idOf(t)}`;
  expect(rows.map((r) => r.deleted_at)).toEqual([null]);
};
const noExports = (idOf: (t: Target) => string) => async (owner: postgres.Sql, t: Target) => {
  expect(await owner`select 1 from tenant_exports where tenant_id = ${idOf(t)}`).toHaveLength(0);
};
const segment = (t: Target, i: number) => t.path.split('/')[i]!;

export const offboardingRoutes: Record<string, RouteSpec> = {
  'GET /api/v1/tenants/[id]/exports': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner) => ({ path: `/api/v1/tenants/${await plantRegistryTenant(owner, 'active')}/exports` }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/exports` }),
  },
  'POST /api/v1/tenants/[id]/exports': {
    kind: 'api',
    actor: 'platform',
    ok: 202,
    viaLink: 403,
    own: async (_w, owner) => ({ path: `/api/v1/tenants/${await plantRegistryTenant(owner, 'active')}/exports` }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/exports` }),
    intact: noExports((t) => segment(t, 4)),
  },
  'GET /api/v1/tenants/[id]/exports/[exportId]': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner) => {
      const id = await plantRegistryTenant(owner, 'active');
      const [e] = await owner`insert into tenant_exports (tenant_id, status, requested_by, data, size_bytes, rows, tables, finished_at)
        values (${id}, 'done', 'matrix', ${Buffer.from('PK matrix')}, 9, 0, 0, now()) returning id`;
      return { path: `/api/v1/tenants/${id}/exports/${e!.id}` };
    },
    foreign: (w) => ({ path: `/api/v1/tenants/${w.tenants.unlinked}/exports/${NOWHERE}` }),
  },
  'DELETE /api/v1/tenants/[id]/data': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner) => {
      const t = await stoppedLongAgo(owner);
      return { path: `/api/v1/tenants/${t.id}/data`, body: { confirm: t.slug } };
    },
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/data`, body: { confirm: 'nowhere' } }),
    intact: notDeleted((t) => segment(t, 4)),
  },
};

export const offboardingActions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/partners/actions.ts#requestTenantExportAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/partners`,
    own: async (_w, owner, slug) => [slug, { id: await plantRegistryTenant(owner, 'active') }],
    foreign: (_w, slug) => [slug, { id: NOWHERE }],
    malformed: (slug) => [slug, { id: 'x' }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from tenant_exports where tenant_id = ${(args[1] as { id: string }).id}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/partners/actions.ts#deleteTenantDataAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/partners`,
    own: async (_w, owner, slug) => {
      const t = await stoppedLongAgo(owner);
      return [slug, { id: t.id, confirm: t.slug }];
    },
    foreign: (_w, slug) => [slug, { id: NOWHERE, confirm: 'nowhere' }],
    malformed: (slug) => [slug, { id: 'x', confirm: '' }],
    intact: async (owner, args) => {
      const rows = await owner`select deleted_at from tenants where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.deleted_at)).toEqual([null]);
    },
  },
};

import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import { plantLink, plantOwnSession, plantPasswordToken, plantRegistryTenant, tenantIdOf, type CanaryWorld } from '../fixtures/canaries';
import { billingActions, billingRoutes } from './matrix-billing';
import { ticketActions, ticketRoutes } from './matrix-tickets';
import { alertActions, alertRoutes } from './matrix-alerts';
import { integrationActions, integrationRoutes, notificationRoutes } from './matrix-integrations';
import { codeOf, EVIL, okOf } from './answers';

export { codeOf, EVIL, okOf };
import { documentRoutes } from './matrix-documents';
import { offboardingActions, offboardingRoutes, planActions, planRoutes } from './matrix-plans';

/** How the isolation matrix calls each entry point. Every one in the code must have an entry. */

export type Target = { path: string; body?: unknown };
/** acme's admin; the platform operator; globex's admin (a tenant that holds no links as a partner). */
export type Actor = 'acme' | 'platform' | 'globex';

export type RouteSpec =
  | {
      kind: 'public';
      /** What an anonymous caller gets (200 by default), with this body. */
      status?: number;
      body?: () => unknown;
    }
  | { kind: 'auth-provider' }
  | {
      kind: 'api';
      /** Who calls it for real: acme's admin (default) or the platform operator. */
      actor?: Actor;
      ok: number;
      /** Status through acme's live msp_full link, when that is not `ok`. */
      viaLink?: number;
      /** Also allowed to a basic end user (their own account); otherwise they get 403. */
      anyUser?: boolean;
      /** A request for an object of the acting tenant: the caller's home, or northwind through the link. */
      own: (w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => Promise<Target>;
      foreign?: (w: CanaryWorld, owner: postgres.Sql) => Target | Promise<Target>;
      /** After the attacks on `target`, what must still be true in the database. */
      intact?: (owner: postgres.Sql, target: Target) => Promise<void>;
      /** The code of the foreign id's 404, when it names the object (INVOICE_NOT_FOUND). */
      foreignCode?: string;
      /** Status with an API key, home and through the link, when that is not `ok`/`viaLink` (keys never manage keys: 403). */
      keyOk?: number;
      /** Status of invalid input (422; the documents' API answers 400 as its contract says). */
      invalid?: number;
    };

const lastSegment = (t: Target, back = 0) => t.path.split('?')[0]!.split('/').at(-1 - back)!;
const sessionStillLive = async (owner: postgres.Sql, t: Target) => {
  const rows = await owner`select revoked_at from sessions where id = ${lastSegment(t)}`;
  expect(rows.map((r) => r.revoked_at)).toEqual([null]);
};
const tenantStatusIs = (status: string) => async (owner: postgres.Sql, t: Target) => {
  const rows = await owner`select status from tenants where id = ${lastSegment(t, 1)}`;
  expect(rows.map((r) => r.status)).toEqual([status]);
};
const linkStatusIs = (status: string, id: (t: Target) => string) => async (owner: postgres.Sql, t: Target) => {
  const rows = await owner`select status from partner_tenant_links where id = ${id(t)}`;
  expect(rows.map((r) => r.status)).toEqual([status]);
};
/** A link where acme is the managed side (so acme's admin may decide it), or where acme is no party. */
const incomingRequest = async (owner: postgres.Sql) => plantLink(owner, await plantRegistryTenant(owner, 'active'), await tenantIdOf(owner, 'acme-msp'), 'requested');
const strangersLink = async (owner: postgres.Sql, status: 'requested' | 'active') =>
  plantLink(owner, await plantRegistryTenant(owner, 'active'), await plantRegistryTenant(owner, 'active'), status);
const fresh = () => `cn-new-${randomBytes(4).toString('hex')}`;
const NOWHERE = '00000000-0000-4000-8000-000000000000';

export const routes: Record<string, RouteSpec> = {
  ...planRoutes,
  ...offboardingRoutes,
  ...billingRoutes,
  ...ticketRoutes,
  ...alertRoutes,
  ...integrationRoutes,
  ...documentRoutes,
  ...notificationRoutes,
  'GET /api/health': { kind: 'public' },
  'GET /api/ready': { kind: 'public' },
  // Behind METRICS_TOKEN, not a session: anonymous callers are refused (e2e/operations/metrics.spec.ts).
  'GET /api/metrics': { kind: 'public', status: 401 },
  'GET /api/auth/[...nextauth]': { kind: 'auth-provider' },
  'POST /api/auth/[...nextauth]': { kind: 'auth-provider' },
  'GET /api/v1/me': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me' }) },
  'POST /api/v1/signup': {
    kind: 'public',
    status: 202,
    body: () => ({ tenant: 'northwind', name: 'Matrix Visitor', email: `matrix-${randomBytes(4).toString('hex')}@example.net`, password: 'a-long-matrix-passphrase', acceptTerms: true }),
  },
  'GET /api/v1/partner/customers': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/customers' }) },
  'GET /api/v1/users': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/users?limit=100' }) },
  'GET /api/v1/users/[id]': {
    kind: 'api',
    ok: 200,
    own: async (_w, owner, acting) => {
      const [u] = await owner`select u.id from users u join tenants t on t.id = u.tenant_id
        where t.slug = ${acting === 'home' ? 'acme-msp' : 'northwind'} order by u.created_at limit 1`;
      return { path: `/api/v1/users/${u!.id}` };
    },
    foreign: (w) => ({ path: `/api/v1/users/${w.foreignUserId}` }),
  },
  'GET /api/v1/sessions': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/sessions' }) },
  'DELETE /api/v1/sessions/[id]': {
    kind: 'api',
    ok: 204,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/sessions/${await plantOwnSession(owner, w)}` }),
    foreign: (w) => ({ path: `/api/v1/sessions/${w.foreignSessionId}` }),
    intact: sessionStillLive,
  },
  'GET /api/v1/audit': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/audit?limit=100' }) },
  // A text filter, so the hostile run is refused as input instead of starting a 11th export this hour.
  'POST /api/v1/audit/export': { kind: 'api', ok: 202, viaLink: 403, own: async () => ({ path: '/api/v1/audit/export', body: { action: 'matrix.' } }) },
  'POST /api/v1/audit/verify': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/audit/verify' }) },
  'GET /api/v1/tenants': { kind: 'api', actor: 'platform', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/tenants?limit=100' }) },
  'POST /api/v1/tenants': {
    kind: 'api',
    actor: 'platform',
    ok: 201,
    viaLink: 403,
    own: async () => ({ path: '/api/v1/tenants', body: { slug: fresh(), name: 'Matrix Tenant', adminEmail: 'first@matrix.example' } }),
    intact: async (owner, t) => {
      const rows = await owner`select 1 from tenants where slug = ${(t.body as { slug: string }).slug}`;
      expect(rows).toHaveLength(0);
    },
  },
  'GET /api/v1/tenants/[id]': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (w) => ({ path: `/api/v1/tenants/${w.northwindId}` }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}` }),
  },
  'PATCH /api/v1/tenants/[id]': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner) => ({ path: `/api/v1/tenants/${await plantRegistryTenant(owner, 'active')}`, body: { legalName: 'Changed' } }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}`, body: { legalName: 'Changed' } }),
    intact: async (owner, t) => {
      const rows = await owner`select legal_name from tenants where id = ${lastSegment(t)}`;
      expect(rows.map((r) => r.legal_name)).toEqual([null]);
    },
  },
  'POST /api/v1/tenants/[id]/stop': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner) => ({ path: `/api/v1/tenants/${await plantRegistryTenant(owner, 'active')}/stop` }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/stop` }),
    intact: tenantStatusIs('active'),
  },
  'POST /api/v1/tenants/[id]/reactivate': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner) => ({ path: `/api/v1/tenants/${await plantRegistryTenant(owner, 'stopped')}/reactivate` }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/reactivate` }),
    intact: tenantStatusIs('stopped'),
  },
};

// Links: decided and revoked from home; never through a link.
Object.assign(routes, {
  'GET /api/v1/links': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/links' }) },
  'POST /api/v1/links': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => {
      const [t] = await owner`select slug from tenants where id = ${await plantRegistryTenant(owner, 'active')}`;
      return { path: '/api/v1/links', body: { managedSlug: t!.slug, accessRole: 'auditor' } };
    },
    intact: async (owner: postgres.Sql, t: Target) => {
      const rows = await owner`select 1 from partner_tenant_links l join tenants m on m.id = l.managed_tenant_id
        where m.slug = ${(t.body as { managedSlug: string }).managedSlug}`;
      expect(rows).toHaveLength(0);
    },
  },
  'POST /api/v1/links/[id]/approve': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/links/${await incomingRequest(owner)}/approve` }),
    foreign: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/links/${await strangersLink(owner, 'requested')}/approve` }),
    intact: linkStatusIs('requested', (t) => lastSegment(t, 1)),
  },
  'POST /api/v1/links/[id]/reject': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/links/${await incomingRequest(owner)}/reject` }),
    foreign: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/links/${await strangersLink(owner, 'requested')}/reject` }),
    intact: linkStatusIs('requested', (t) => lastSegment(t, 1)),
  },
  'POST /api/v1/links/[id]/revoke': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({
      path: `/api/v1/links/${await plantLink(owner, await tenantIdOf(owner, 'acme-msp'), await plantRegistryTenant(owner, 'active'), 'active')}/revoke`,
    }),
    foreign: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/links/${await strangersLink(owner, 'active')}/revoke` }),
    intact: linkStatusIs('active', (t) => lastSegment(t, 1)),
  },
  'POST /api/v1/links/revoke-all': {
    kind: 'api',
    actor: 'globex',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => {
      const id = await plantLink(owner, await tenantIdOf(owner, 'globex'), await plantRegistryTenant(owner, 'active'), 'active');
      return { path: `/api/v1/links/revoke-all?probe=${id}` };
    },
    intact: linkStatusIs('active', (t) => new URL(t.path, 'http://x').searchParams.get('probe')!),
  },
} satisfies Record<string, RouteSpec>);

export type ActionSpec =
  | {
      kind: 'tenant';
      actor?: Actor;
      page: (slug: string) => string;
      own: (w: CanaryWorld, owner: postgres.Sql, slug: string) => Promise<unknown[]>;
      foreign?: (w: CanaryWorld, slug: string) => unknown[] | Promise<unknown[]>;
      malformed: (slug: string) => unknown[];
      intact?: (owner: postgres.Sql, args: unknown[]) => Promise<void>;
      /** The error the caller's own call must end in, when a success would harm other journeys. */
      ownCode?: string;
      /** The code a foreign id is refused with, when it names the object (INVOICE_NOT_FOUND). */
      foreignCode?: string;
    }
  | {
      kind: 'public';
      page: (slug: string) => string;
      /** Calls it anonymously as a visitor would (`call` returns the action's answer) and checks what comes back. */
      check: (call: (slug: string, arg: unknown, origin?: string) => Promise<string>, owner: postgres.Sql) => Promise<void>;
    };


const registryArgs = async (owner: postgres.Sql, slug: string, status: 'active' | 'stopped') => [
  slug,
  { id: await plantRegistryTenant(owner, status), status: status === 'active' ? 'stopped' : 'active' },
];

export const actions: Record<string, ActionSpec> = {
  ...planActions,
  ...offboardingActions,
  ...billingActions,
  ...ticketActions,
  ...alertActions,
  ...integrationActions,
  'app/(portal)/t/[tenant]/account/actions.ts#revokeSessionAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/account`,
    own: async (w, owner, slug) => [slug, { id: await plantOwnSession(owner, w) }],
    foreign: (w, slug) => [slug, { id: w.foreignSessionId }],
    malformed: (slug) => [slug, { id: "1' or '1'='1" }],
    intact: async (owner, args) => {
      const rows = await owner`select revoked_at from sessions where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.revoked_at)).toEqual([null]);
    },
  },
  'app/(portal)/t/[tenant]/audit/actions.ts#verifyChainAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/audit`,
    own: async (_w, _owner, slug) => [slug, {}],
    malformed: (slug) => [slug, 'not-an-object'],
  },
  'app/(portal)/t/[tenant]/partners/actions.ts#registerTenantAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/partners`,
    own: async (_w, _owner, slug) => [slug, { slug: fresh(), name: 'Matrix Tenant', adminEmail: 'first@matrix.example' }],
    malformed: (slug) => [slug, { slug: 'Not A Slug', name: 'x', adminEmail: 'nope' }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from tenants where slug = ${(args[1] as { slug: string }).slug}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/partners/actions.ts#updateTenantAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/partners`,
    own: async (_w, owner, slug) => [slug, { id: await plantRegistryTenant(owner, 'active'), legalName: 'Changed' }],
    foreign: (_w, slug) => [slug, { id: '00000000-0000-4000-8000-000000000000', legalName: 'Changed' }],
    malformed: (slug) => [slug, { id: 'x', country: 'not-a-country' }],
    intact: async (owner, args) => {
      const rows = await owner`select legal_name from tenants where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.legal_name)).toEqual([null]);
    },
  },
  'app/(portal)/t/[tenant]/partners/actions.ts#setTenantStatusAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/partners`,
    own: (_w, owner, slug) => registryArgs(owner, slug, 'active'),
    foreign: (_w, slug) => [slug, { id: '00000000-0000-4000-8000-000000000000', status: 'stopped' }],
    malformed: (slug) => [slug, { id: 'x', status: 'deleted' }],
    intact: async (owner, args) => {
      const rows = await owner`select status from tenants where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.status)).toEqual(['active']);
    },
  },
  'app/(portal)/t/[tenant]/links/actions.ts#requestLinkAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/links`,
    own: async (_w, owner, slug) => {
      const [t] = await owner`select slug from tenants where id = ${await plantRegistryTenant(owner, 'active')}`;
      return [slug, { managedSlug: t!.slug, accessRole: 'auditor' }];
    },
    malformed: (slug) => [slug, { managedSlug: 'x', accessRole: 'owner' }],
    intact: async (owner, args) => {
      const rows = await owner`select 1 from partner_tenant_links l join tenants m on m.id = l.managed_tenant_id
        where m.slug = ${(args[1] as { managedSlug: string }).managedSlug}`;
      expect(rows).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/links/actions.ts#decideLinkAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/links`,
    own: async (_w, owner, slug) => [slug, { id: await incomingRequest(owner), decision: 'approve' }],
    foreign: async (_w, slug) => [slug, { id: NOWHERE, decision: 'approve' }],
    malformed: (slug) => [slug, { id: NOWHERE, decision: 'maybe' }],
    intact: async (owner, args) => {
      const rows = await owner`select status from partner_tenant_links where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.status)).toEqual(['requested']);
    },
  },
  'app/(portal)/t/[tenant]/links/actions.ts#revokeLinkAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/links`,
    own: async (_w, owner, slug) => [
      slug,
      { id: await plantLink(owner, await tenantIdOf(owner, 'acme-msp'), await plantRegistryTenant(owner, 'active'), 'active') },
    ],
    foreign: async (_w, slug) => [slug, { id: NOWHERE }],
    malformed: (slug) => [slug, { id: 'nope' }],
    intact: async (owner, args) => {
      const rows = await owner`select status from partner_tenant_links where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.status)).toEqual(['active']);
    },
  },
  'app/(portal)/t/[tenant]/links/actions.ts#revokeAllLinksAction': {
    kind: 'tenant',
    actor: 'globex',
    page: (slug) => `/t/${slug}/links`,
    own: async (_w, _owner, slug) => [slug, {}],
    malformed: (slug) => [slug, 'all'],
  },
  'app/(portal)/t/[tenant]/settings/actions.ts#setFeatureAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings`,
    own: async (_w, _owner, slug) => [slug, { key: 'tickets', enabled: true }],
    malformed: (slug) => [slug, { key: 'no_such_feature', enabled: true }],
  },
  'app/(portal)/t/[tenant]/settings/actions.ts#updatePolicyAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings`,
    own: async (_w, _owner, slug) => [slug, { type: 'basic', policy: basicPolicy }],
    malformed: (slug) => [slug, { type: 'basic', policy: { ...basicPolicy, inactivityTimeoutMinutes: 1 } }],
  },
  'app/(portal)/t/[tenant]/settings/actions.ts#resetPolicyAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings`,
    own: async (_w, _owner, slug) => [slug, { type: 'company' }],
    malformed: (slug) => [slug, { type: 'owner' }],
  },
  'app/(portal)/t/[tenant]/tickets/actions.ts#createTicketAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/tickets`,
    own: async (_w, _owner, slug) => [slug, { subject: `Matrix ${randomBytes(4).toString('hex')}`, description: 'From the isolation matrix.' }],
    malformed: (slug) => [slug, { subject: 'x', description: '' }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from tickets where subject = ${(args[1] as { subject: string }).subject}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/roles/actions.ts#createRoleAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/roles`,
    own: async (_w, _owner, slug) => [slug, { key: `matrix_${randomBytes(4).toString('hex')}`, name: 'Matrix role', permissions: ['tickets.read'] }],
    malformed: (slug) => [slug, { key: 'Not A Key', name: 'x', permissions: ['root'] }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from roles where key = ${(args[1] as { key: string }).key}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/roles/actions.ts#updateRoleAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/roles`,
    own: async (_w, owner, slug) => [slug, { id: await plantAcmeRole(owner), name: 'Changed', permissions: [] }],
    foreign: (w, slug) => [slug, { id: w.foreignRoleId, name: 'Changed', permissions: [] }],
    malformed: (slug) => [slug, { id: NOWHERE, name: 'x', permissions: 'all' }],
    intact: (owner, args) => roleIntact(owner, { path: `/roles/${(args[1] as { id: string }).id}` }),
  },
  'app/(portal)/t/[tenant]/roles/actions.ts#deleteRoleAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/roles`,
    own: async (_w, owner, slug) => [slug, { id: await plantAcmeRole(owner) }],
    foreign: (w, slug) => [slug, { id: w.foreignRoleId }],
    malformed: (slug) => [slug, { id: 'admin' }],
    intact: (owner, args) => roleIntact(owner, { path: `/roles/${(args[1] as { id: string }).id}` }),
  },
  'app/(portal)/t/[tenant]/roles/actions.ts#setUserRolesAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/roles`,
    own: async (_w, owner, slug) => [slug, { id: await plantAcmeUser(owner), roleIds: [] }],
    foreign: (w, slug) => [slug, { id: w.foreignUserId, roleIds: [] }],
    malformed: (slug) => [slug, { id: NOWHERE, roleIds: ['admin'] }],
    intact: async (owner, args) => {
      const [row] = await owner`select count(*)::int as n from user_roles where user_id = ${(args[1] as { id: string }).id}`;
      expect(row!.n).toBe(1);
    },
  },
  'app/(portal)/t/[tenant]/users/actions.ts#setUsersStatusAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/users`,
    own: async (_w, owner, slug) => [slug, { ids: [await plantAcmeUser(owner)], status: 'inactive' }],
    foreign: (w, slug) => [slug, { ids: [w.foreignUserId], status: 'inactive' }],
    malformed: (slug) => [slug, { ids: ['admin'], status: 'deleted' }],
    intact: async (owner, args) => {
      const rows = await owner`select status from users where id = ${(args[1] as { ids: string[] }).ids[0]!}`;
      expect(rows.map((r) => r.status)).toEqual(['active']);
    },
  },
  'app/(portal)/t/[tenant]/features/actions.ts#setStageAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/features`,
    own: async (_w, _owner, slug) => [slug, { key: 'tickets', stage: 'ga' }],
    malformed: (slug) => [slug, { key: 'tickets', stage: 'alpha' }],
  },
  'app/(portal)/t/[tenant]/features/actions.ts#setEarlyAccessAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/features`,
    own: async (_w, owner, slug) => {
      const [t] = await owner`select slug from tenants where id = ${await plantRegistryTenant(owner, 'active')}`;
      return [slug, { key: 'bulk_export', tenantSlug: t!.slug, earlyAccess: true }];
    },
    foreign: (_w, slug) => [slug, { key: 'bulk_export', tenantSlug: 'no-such-tenant-x', earlyAccess: true }],
    malformed: (slug) => [slug, { key: 'bulk_export', tenantSlug: 'Bad Slug', earlyAccess: 'yes' }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from tenant_features f join tenants t on t.id = f.tenant_id where t.slug = ${(args[1] as { tenantSlug: string }).tenantSlug}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/partners/actions.ts#createLinkDirectAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/partners`,
    own: async (_w, owner, slug) => {
      const [managed] = await owner`select slug from tenants where id = ${await plantRegistryTenant(owner, 'active')}`;
      return [slug, { partnerId: await plantRegistryTenant(owner, 'active'), link: { managedSlug: managed!.slug, accessRole: 'auditor' } }];
    },
    foreign: (_w, slug) => [slug, { partnerId: NOWHERE, link: { managedSlug: 'globex', accessRole: 'auditor' } }],
    malformed: (slug) => [slug, { partnerId: 'x', link: { managedSlug: 'globex', accessRole: 'owner' } }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from partner_tenant_links where partner_tenant_id = ${(args[1] as { partnerId: string }).partnerId}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/partners/actions.ts#platformRevokeLinkAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/partners`,
    own: async (_w, owner, slug) => {
      const partner = await plantRegistryTenant(owner, 'active');
      return [slug, { tenantId: partner, linkId: await plantLink(owner, partner, await plantRegistryTenant(owner, 'active'), 'active') }];
    },
    foreign: async (_w, slug) => [slug, { tenantId: NOWHERE, linkId: NOWHERE }],
    malformed: (slug) => [slug, { tenantId: 'x', linkId: 'y' }],
    intact: async (owner, args) => {
      const rows = await owner`select status from partner_tenant_links where id = ${(args[1] as { linkId: string }).linkId}`;
      expect(rows.map((r) => r.status)).toEqual(['active']);
    },
  },
  'app/(portal)/t/[tenant]/partners/actions.ts#setRateLimitsAction': {
    kind: 'tenant',
    actor: 'platform',
    page: (slug) => `/t/${slug}/partners`,
    own: async (_w, owner, slug) => [slug, { tenantId: await plantRegistryTenant(owner, 'active'), limits }],
    foreign: (_w, slug) => [slug, { tenantId: NOWHERE, limits }],
    malformed: (slug) => [slug, { tenantId: NOWHERE, limits: { ...limits, listPerMinute: 0 } }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from tenant_rate_limits where tenant_id = ${(args[1] as { tenantId: string }).tenantId}`).toHaveLength(0);
    },
  },
  'app/(auth)/t/[tenant]/set-password/actions.ts#setPasswordAction': {
    kind: 'public',
    page: (slug) => `/t/${slug}/set-password`,
    check: async (call, owner) => {
      const values = (token: string) => ({ token, password: 'matrix-password-1', confirm: 'matrix-password-1' });
      const first = await plantPasswordToken(owner);
      const other = await plantPasswordToken(owner);
      expect(codeOf(await call(other.slug, { tenant: other.slug, values: values(first.token) })), 'a token used in another tenant').toBe('NOT_FOUND');
      expect(codeOf(await call(first.slug, { tenant: first.slug, values: values(first.token) }, EVIL)), 'cross-site').toBe('FORBIDDEN');
      expect(okOf(await call(first.slug, { tenant: first.slug, values: values(first.token) }))).toBe(true);
      expect(codeOf(await call(first.slug, { tenant: first.slug, values: values(first.token) })), 'the same token again').toBe('NOT_FOUND');
      expect(codeOf(await call(first.slug, { tenant: first.slug, values: values('short') })), 'malformed').toBe('VALIDATION_ERROR');
    },
  },
};


// Configuration: features, policies and roles are the tenant admin's (never through a link);
// stages, early access, rate limits and direct links are the platform's.
const basicPolicy = { inactivityTimeoutMinutes: 30, opsPerDay: 20, opsPerWeek: 50, breachAction: 'warn', maxConcurrentSessions: null };
const limits = { listPerMinute: 100, detailPerMinute: 200, writePerMinute: 50, exportPerHour: 10, linkPerMinute: 500 };
const acmeRole = async (owner: postgres.Sql, key: string) =>
  (await owner`select id from roles where tenant_id = (select id from tenants where slug = 'acme-msp') and key = ${key}`)[0]!.id as string;
const plantAcmeRole = async (owner: postgres.Sql) => {
  const [role] = await owner`insert into roles (tenant_id, key, name) values
    ((select id from tenants where slug = 'acme-msp'), ${`matrix_${randomBytes(4).toString('hex')}`}, 'Matrix role') returning id`;
  await owner`insert into role_permissions (tenant_id, role_id, permission) select tenant_id, id, 'tickets.read' from roles where id = ${role!.id}`;
  return role!.id as string;
};
const roleIntact = async (owner: postgres.Sql, t: Target) => {
  const rows = await owner`select name, (select count(*)::int from role_permissions p where p.role_id = r.id) as n from roles r where id = ${lastSegment(t)}`;
  expect(rows).toEqual([{ name: 'Matrix role', n: 1 }]);
};
const plantAcmeUser = async (owner: postgres.Sql) => {
  const [user] = await owner`insert into users (tenant_id, email, name, type) values
    ((select id from tenants where slug = 'acme-msp'), ${`matrix-${randomBytes(4).toString('hex')}@acme-msp.example`}, 'Matrix user', 'guest') returning id`;
  await owner`insert into user_roles (tenant_id, user_id, role_id) select tenant_id, ${user!.id}, id from roles
    where tenant_id = (select id from tenants where slug = 'acme-msp') and key = 'guest'`;
  return user!.id as string;
};
const tenantOf = (acting: 'home' | 'northwind') => (acting === 'home' ? 'acme-msp' : 'northwind');

Object.assign(routes, {
  'GET /api/v1/features': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/features' }) },
  'PUT /api/v1/features/[key]': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/features/tickets', body: { enabled: true } }) },
  'GET /api/v1/platform/features': { kind: 'api', actor: 'platform', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/platform/features' }) },
  'PUT /api/v1/platform/features/[key]': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async () => ({ path: '/api/v1/platform/features/tickets', body: { stage: 'ga' } }),
  },
  'PUT /api/v1/platform/features/[key]/early-access': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({
      path: '/api/v1/platform/features/bulk_export/early-access',
      body: { tenantId: await plantRegistryTenant(owner, 'active'), earlyAccess: true },
    }),
    foreign: () => ({ path: '/api/v1/platform/features/bulk_export/early-access', body: { tenantId: NOWHERE, earlyAccess: true } }),
    intact: async (owner: postgres.Sql, t: Target) => {
      expect(await owner`select 1 from tenant_features where tenant_id = ${(t.body as { tenantId: string }).tenantId}`).toHaveLength(0);
    },
  },
  'GET /api/v1/roles': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/roles' }) },
  'POST /api/v1/roles': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    own: async () => ({ path: '/api/v1/roles', body: { key: `matrix_${randomBytes(4).toString('hex')}`, name: 'Matrix role', permissions: ['tickets.read'] } }),
    intact: async (owner: postgres.Sql, t: Target) => {
      expect(await owner`select 1 from roles where key = ${(t.body as { key: string }).key}`).toHaveLength(0);
    },
  },
  'GET /api/v1/roles/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/roles/${await acmeRole(owner, 'guest')}` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/roles/${w.foreignRoleId}` }),
  },
  'PATCH /api/v1/roles/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/roles/${await plantAcmeRole(owner)}`, body: { name: 'Changed', permissions: [] } }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/roles/${w.foreignRoleId}`, body: { name: 'Changed', permissions: [] } }),
    intact: roleIntact,
  },
  'DELETE /api/v1/roles/[id]': {
    kind: 'api',
    ok: 204,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/roles/${await plantAcmeRole(owner)}` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/roles/${w.foreignRoleId}` }),
    intact: roleIntact,
  },
  'PUT /api/v1/users/[id]/roles': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/users/${await plantAcmeUser(owner)}/roles`, body: { roleIds: [] } }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/users/${w.foreignUserId}/roles`, body: { roleIds: [] } }),
    intact: async (owner: postgres.Sql, t: Target) => {
      const [row] = await owner`select count(*)::int as n from user_roles where user_id = ${lastSegment(t, 1)}`;
      expect(row!.n).toBe(1);
    },
  },
  'GET /api/v1/users/[id]/permissions': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (w: CanaryWorld) => ({ path: `/api/v1/users/${w.acmeAdminId}/permissions` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/users/${w.foreignUserId}/permissions` }),
  },
  // bulk_export is on for acme-msp (early access), off in northwind: through the link it is not there.
  'POST /api/v1/users/export': { kind: 'api', ok: 202, viaLink: 404, own: async () => ({ path: '/api/v1/users/export', body: { search: 'matrix' } }) },
  'GET /api/v1/policies': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/policies' }) },
  'PUT /api/v1/policies/[type]': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/policies/basic', body: basicPolicy }) },
  'DELETE /api/v1/policies/[type]': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/policies/company' }) },
  'GET /api/v1/rate-limits': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/rate-limits' }) },
  'GET /api/v1/tenants/[id]/rate-limits': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (w: CanaryWorld) => ({ path: `/api/v1/tenants/${w.northwindId}/rate-limits` }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/rate-limits` }),
  },
  'PUT /api/v1/tenants/[id]/rate-limits': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/tenants/${await plantRegistryTenant(owner, 'active')}/rate-limits`, body: limits }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/rate-limits`, body: limits }),
    intact: async (owner: postgres.Sql, t: Target) => {
      expect(await owner`select 1 from tenant_rate_limits where tenant_id = ${lastSegment(t, 1)}`).toHaveLength(0);
    },
  },
  'GET /api/v1/tenants/[id]/links': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (w: CanaryWorld) => ({ path: `/api/v1/tenants/${w.acmeId}/links` }),
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/links` }),
  },
  'POST /api/v1/tenants/[id]/links': {
    kind: 'api',
    actor: 'platform',
    ok: 201,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => {
      const [managed] = await owner`select slug from tenants where id = ${await plantRegistryTenant(owner, 'active')}`;
      return { path: `/api/v1/tenants/${await plantRegistryTenant(owner, 'active')}/links`, body: { managedSlug: managed!.slug, accessRole: 'auditor' } };
    },
    foreign: () => ({ path: `/api/v1/tenants/${NOWHERE}/links`, body: { managedSlug: 'globex', accessRole: 'auditor' } }),
    intact: async (owner: postgres.Sql, t: Target) => {
      expect(await owner`select 1 from partner_tenant_links where partner_tenant_id = ${lastSegment(t, 1)}`).toHaveLength(0);
    },
  },
  'POST /api/v1/tenants/[id]/links/[linkId]/revoke': {
    kind: 'api',
    actor: 'platform',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql) => {
      const partner = await plantRegistryTenant(owner, 'active');
      return { path: `/api/v1/tenants/${partner}/links/${await plantLink(owner, partner, await plantRegistryTenant(owner, 'active'), 'active')}/revoke` };
    },
    foreign: async (_w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/tenants/${NOWHERE}/links/${await strangersLink(owner, 'active')}/revoke` }),
    intact: linkStatusIs('active', (t) => lastSegment(t, 1)),
  },
  'GET /api/v1/tickets': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/tickets' }) },
  'POST /api/v1/tickets': {
    kind: 'api',
    ok: 201,
    own: async () => ({ path: '/api/v1/tickets', body: { subject: `Matrix ${randomBytes(4).toString('hex')}`, description: 'From the isolation matrix.' } }),
    intact: async (owner: postgres.Sql, t: Target) => {
      expect(await owner`select 1 from tickets where subject = ${(t.body as { subject: string }).subject}`).toHaveLength(0);
    },
  },
  'GET /api/v1/tickets/[id]': {
    kind: 'api',
    ok: 200,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => ({ path: `/api/v1/tickets/${await ticketIn(owner, tenantOf(acting))}` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/tickets/${w.foreignTicketId}` }),
  },
  'PATCH /api/v1/tickets/[id]': {
    kind: 'api',
    ok: 200,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => ({
      path: `/api/v1/tickets/${await ticketIn(owner, tenantOf(acting))}`,
      body: { status: 'pending' },
    }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/tickets/${w.foreignTicketId}`, body: { status: 'closed' } }),
    intact: async (owner: postgres.Sql, t: Target) => {
      const rows = await owner`select status from tickets where id = ${lastSegment(t)}`;
      expect(rows.map((r) => r.status)).toEqual(['open']);
    },
  },
} satisfies Record<string, RouteSpec>);

/** A fresh open ticket in a tenant (by slug), made by the owner. */
async function ticketIn(owner: postgres.Sql, slug: string): Promise<string> {
  const [row] = await owner`insert into tickets (tenant_id, number, subject, description, requester_id)
    select t.id, ${`TKT-1999-${randomBytes(3).toString('hex')}`}, 'Matrix target', 'x',
      (select u.id from users u where u.tenant_id = t.id order by u.created_at limit 1)
    from tenants t where t.slug = ${slug} returning id`;
  return row!.id as string;
}

// End users and KYC. The applicant's own routes answer a staff account (acme's admin) with a
// conflict: staff verify nothing here. Reviewing is the tenant's own, never through a link.
const pngBytes = Buffer.from('89504e470d0a1a0a0000000049454e44ae426082', 'hex');
async function plantEndUser(owner: postgres.Sql, slug: string, type: 'guest' | 'basic' | 'advanced'): Promise<string> {
  // Made long ago, so the lists' first pages (newest first) that other journeys read stay the demo's.
  const [user] = await owner`insert into users (tenant_id, email, name, type, created_at) values
    ((select id from tenants where slug = ${slug}), ${`matrix-${randomBytes(4).toString('hex')}@${slug}.example`}, 'Matrix end user', ${type}, now() - interval '5 years') returning id`;
  await owner`insert into user_roles (tenant_id, user_id, role_id) select tenant_id, ${user!.id}, id from roles
    where tenant_id = (select id from tenants where slug = ${slug}) and key = ${type} and built_in`;
  return user!.id as string;
}
async function plantKyc(owner: postgres.Sql, slug: string, userId?: string): Promise<{ submissionId: string; fileId: string }> {
  const applicant = userId ?? (await plantEndUser(owner, slug, 'guest'));
  const [kyc] = await owner`insert into kyc_submissions (tenant_id, user_id, status, submitted_at, legal_name) values
    ((select id from tenants where slug = ${slug}), ${applicant}, ${userId ? 'verified' : 'submitted'}, now(), 'Matrix Applicant') returning id, tenant_id`;
  const [file] = await owner`insert into kyc_files (tenant_id, submission_id, slot, file_name, content_type, size_bytes, sha256, data) values
    (${kyc!.tenant_id}, ${kyc!.id}, 'front', 'matrix.png', 'image/png', ${pngBytes.length}, 'matrix', ${pngBytes}) returning id`;
  return { submissionId: kyc!.id as string, fileId: file!.id as string };
}
const kycStatusIs = (status: string) => async (owner: postgres.Sql, t: Target) => {
  const rows = await owner`select status from kyc_submissions where id = ${t.path.split('/')[5]!}`;
  expect(rows.map((r) => r.status)).toEqual([status]);
};

Object.assign(routes, {
  'GET /api/v1/me/kyc': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me/kyc' }) },
  'POST /api/v1/me/kyc': { kind: 'api', ok: 409, anyUser: true, own: async () => ({ path: '/api/v1/me/kyc', body: { legalName: 'Matrix Admin' } }) },
  'GET /api/v1/me/kyc/files/[fileId]': {
    kind: 'api',
    ok: 200,
    anyUser: true,
    own: async (w: CanaryWorld, owner: postgres.Sql) => ({ path: `/api/v1/me/kyc/files/${(await plantKyc(owner, 'acme-msp', w.acmeAdminId)).fileId}` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/me/kyc/files/${w.foreignKycFileId}` }),
  },
  'POST /api/v1/me/upgrade-requests': { kind: 'api', ok: 409, anyUser: true, own: async () => ({ path: '/api/v1/me/upgrade-requests', body: { to: 'advanced' } }) },
  'GET /api/v1/kyc/submissions': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/kyc/submissions?limit=100' }) },
  'GET /api/v1/kyc/submissions/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => ({ path: `/api/v1/kyc/submissions/${(await plantKyc(owner, tenantOf(acting))).submissionId}` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/kyc/submissions/${w.foreignKycSubmissionId}` }),
  },
  'GET /api/v1/kyc/submissions/[id]/files/[fileId]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => {
      const k = await plantKyc(owner, tenantOf(acting));
      return { path: `/api/v1/kyc/submissions/${k.submissionId}/files/${k.fileId}` };
    },
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/kyc/submissions/${w.foreignKycSubmissionId}/files/${w.foreignKycFileId}` }),
  },
  'POST /api/v1/kyc/submissions/[id]/decision': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => ({
      path: `/api/v1/kyc/submissions/${(await plantKyc(owner, tenantOf(acting))).submissionId}/decision`,
      body: { decision: 'request_resubmission', reasons: ['blurry'] },
    }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/kyc/submissions/${w.foreignKycSubmissionId}/decision`, body: { decision: 'approve' } }),
    intact: kycStatusIs('submitted'),
  },
  'POST /api/v1/kyc/submissions/[id]/assign': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => ({ path: `/api/v1/kyc/submissions/${(await plantKyc(owner, tenantOf(acting))).submissionId}/assign` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/kyc/submissions/${w.foreignKycSubmissionId}/assign` }),
    intact: kycStatusIs('submitted'),
  },
  'POST /api/v1/kyc/submissions/[id]/revoke': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => {
      const user = await plantEndUser(owner, tenantOf(acting), 'basic');
      return { path: `/api/v1/kyc/submissions/${(await plantKyc(owner, tenantOf(acting), user)).submissionId}/revoke`, body: { reason: 'Matrix found a forgery' } };
    },
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/kyc/submissions/${w.foreignKycSubmissionId}/revoke`, body: { reason: 'Matrix found a forgery' } }),
    intact: kycStatusIs('verified'),
  },
  'GET /api/v1/kyc/upgrade-requests': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/kyc/upgrade-requests' }) },
  'POST /api/v1/kyc/upgrade-requests/[id]/decision': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => {
      const user = await plantEndUser(owner, tenantOf(acting), 'basic');
      const [req] = await owner`insert into upgrade_requests (tenant_id, user_id, from_type, to_type, policy)
        select tenant_id, id, 'basic', 'advanced', 'admin_approval' from users where id = ${user} returning id`;
      return { path: `/api/v1/kyc/upgrade-requests/${req!.id}/decision`, body: { decision: 'reject', reason: 'Matrix says no' } };
    },
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/kyc/upgrade-requests/${w.foreignUpgradeRequestId}/decision`, body: { decision: 'approve' } }),
    intact: async (owner: postgres.Sql, t: Target) => {
      const rows = await owner`select status from upgrade_requests where id = ${t.path.split('/')[5]!}`;
      expect(rows.map((r) => r.status)).toEqual(['pending']);
    },
  },
  'POST /api/v1/users/[id]/type': {
    kind: 'api',
    ok: 200,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => ({
      path: `/api/v1/users/${await plantEndUser(owner, tenantOf(acting), 'basic')}/type`,
      body: { to: 'advanced', reason: 'Matrix upgrade' },
    }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/users/${w.foreignUserId}/type`, body: { to: 'advanced', reason: 'Matrix upgrade' } }),
    intact: async (owner: postgres.Sql, t: Target) => {
      const rows = await owner`select type from users where id = ${lastSegment(t, 1)}`;
      expect(rows.map((r) => r.type)).toEqual(['basic']);
    },
  },
  'GET /api/v1/users/locked': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/users/locked' }) },
  'POST /api/v1/users/[id]/unlock': {
    kind: 'api',
    ok: 200,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => ({ path: `/api/v1/users/${await plantEndUser(owner, tenantOf(acting), 'basic')}/unlock` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/users/${w.foreignUserId}/unlock` }),
  },
  'GET /api/v1/users/[id]/type-history': {
    kind: 'api',
    ok: 200,
    own: async (_w: CanaryWorld, owner: postgres.Sql, acting: 'home' | 'northwind') => ({ path: `/api/v1/users/${await plantEndUser(owner, tenantOf(acting), 'basic')}/type-history` }),
    foreign: (w: CanaryWorld) => ({ path: `/api/v1/users/${w.foreignUserId}/type-history` }),
  },
} satisfies Record<string, RouteSpec>);

Object.assign(actions, {
  'app/(portal)/t/[tenant]/account/actions.ts#updateProfileAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/account`,
    own: async (_w: CanaryWorld, _owner: postgres.Sql, slug: string) => [slug, { name: 'Tenant Admin', email: 'admin@acme-msp.example' }],
    malformed: (slug: string) => [slug, { name: '', email: 'not-an-email' }],
  },
  // Tried with a wrong current password: a change would end the other journeys' sessions of
  // acme's admin. The journeys and tests/integration/end-users.test.ts change passwords for real.
  'app/(portal)/t/[tenant]/account/actions.ts#changePasswordAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/account`,
    own: async (_w: CanaryWorld, _owner: postgres.Sql, slug: string) => [slug, { current: 'not-the-password', password: 'a-new-matrix-passphrase', confirm: 'a-new-matrix-passphrase' }],
    ownCode: 'VALIDATION_ERROR',
    malformed: (slug: string) => [slug, { current: 'x', password: 'short', confirm: 'other' }],
  },
  // Staff have no end-user type to move up: acme's admin is refused, after every check above it.
  'app/(portal)/t/[tenant]/account/actions.ts#requestUpgradeAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/account`,
    own: async (_w: CanaryWorld, _owner: postgres.Sql, slug: string) => [slug, { to: 'advanced' }],
    malformed: (slug: string) => [slug, { to: 'admin' }],
    ownCode: 'CONFLICT',
  },
  'app/(portal)/t/[tenant]/account/actions.ts#resendVerificationAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/account`,
    own: async (_w: CanaryWorld, _owner: postgres.Sql, slug: string) => [slug, {}],
    malformed: (slug: string) => [slug, 'not-an-object'],
  },
  'app/(portal)/t/[tenant]/account/actions.ts#markNotificationsReadAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/account`,
    own: async (_w: CanaryWorld, _owner: postgres.Sql, slug: string) => [slug, {}],
    malformed: (slug: string) => [slug, 'not-an-object'],
  },
  'app/(portal)/t/[tenant]/kyc/actions.ts#assignKycAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/kyc`,
    own: async (_w: CanaryWorld, owner: postgres.Sql, slug: string) => [slug, { id: (await plantKyc(owner, slug)).submissionId }],
    foreign: (w: CanaryWorld, slug: string) => [slug, { id: w.foreignKycSubmissionId }],
    malformed: (slug: string) => [slug, { id: 'x' }],
    intact: async (owner: postgres.Sql, args: unknown[]) => {
      const rows = await owner`select status from kyc_submissions where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.status)).toEqual(['submitted']);
    },
  },
  'app/(portal)/t/[tenant]/kyc/actions.ts#decideKycAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/kyc`,
    own: async (_w: CanaryWorld, owner: postgres.Sql, slug: string) => [slug, { id: (await plantKyc(owner, slug)).submissionId, decision: { decision: 'approve' } }],
    foreign: (w: CanaryWorld, slug: string) => [slug, { id: w.foreignKycSubmissionId, decision: { decision: 'approve' } }],
    malformed: (slug: string) => [slug, { id: NOWHERE, decision: { decision: 'maybe' } }],
    intact: async (owner: postgres.Sql, args: unknown[]) => {
      const rows = await owner`select status from kyc_submissions where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.status)).toEqual(['submitted']);
    },
  },
  'app/(portal)/t/[tenant]/kyc/actions.ts#revokeKycAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/kyc`,
    own: async (_w: CanaryWorld, owner: postgres.Sql, slug: string) => [slug, { id: (await plantKyc(owner, slug, await plantEndUser(owner, slug, 'basic'))).submissionId, reason: 'Matrix found a forgery' }],
    foreign: (w: CanaryWorld, slug: string) => [slug, { id: w.foreignKycSubmissionId, reason: 'Matrix found a forgery' }],
    malformed: (slug: string) => [slug, { id: NOWHERE, reason: '' }],
    intact: async (owner: postgres.Sql, args: unknown[]) => {
      const rows = await owner`select status from kyc_submissions where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.status)).toEqual(['verified']);
    },
  },
  'app/(portal)/t/[tenant]/kyc/actions.ts#decideUpgradeAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/kyc`,
    own: async (_w: CanaryWorld, owner: postgres.Sql, slug: string) => {
      const user = await plantEndUser(owner, slug, 'basic');
      const [req] = await owner`insert into upgrade_requests (tenant_id, user_id, from_type, to_type, policy)
        select tenant_id, id, 'basic', 'advanced', 'admin_approval' from users where id = ${user} returning id`;
      return [slug, { id: req!.id, decision: 'approve' }];
    },
    foreign: (w: CanaryWorld, slug: string) => [slug, { id: w.foreignUpgradeRequestId, decision: 'approve' }],
    malformed: (slug: string) => [slug, { id: NOWHERE, decision: 'perhaps' }],
    intact: async (owner: postgres.Sql, args: unknown[]) => {
      const rows = await owner`select status from upgrade_requests where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.status)).toEqual(['pending']);
    },
  },
  'app/(portal)/t/[tenant]/settings/actions.ts#updateEndUserSettingsAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/settings`,
    own: async (_w: CanaryWorld, _owner: postgres.Sql, slug: string) => [
      slug,
      { selfSignup: true, basicToAdvanced: 'advanced_kyc', advancedToCompany: 'business_verification', kycRetentionDays: 90, expiryDowngrade: 'guest' },
    ],
    malformed: (slug: string) => [slug, { selfSignup: 'yes', basicToAdvanced: 'always', advancedToCompany: 'never', kycRetentionDays: 0, expiryDowngrade: 'down' }],
  },
  'app/(portal)/t/[tenant]/users/actions.ts#changeUserTypeAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/users`,
    own: async (_w: CanaryWorld, owner: postgres.Sql, slug: string) => [slug, { id: await plantEndUser(owner, slug, 'basic'), to: 'advanced', reason: 'Matrix upgrade' }],
    foreign: (w: CanaryWorld, slug: string) => [slug, { id: w.foreignUserId, to: 'advanced', reason: 'Matrix upgrade' }],
    malformed: (slug: string) => [slug, { id: NOWHERE, to: 'admin', reason: '' }],
    intact: async (owner: postgres.Sql, args: unknown[]) => {
      const rows = await owner`select type from users where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.type)).toEqual(['basic']);
    },
  },
  'app/(portal)/t/[tenant]/users/actions.ts#unlockUserAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/users`,
    own: async (_w: CanaryWorld, owner: postgres.Sql, slug: string) => [slug, { id: await plantEndUser(owner, slug, 'basic') }],
    foreign: (w: CanaryWorld, slug: string) => [slug, { id: w.foreignUserId }],
    malformed: (slug: string) => [slug, { id: 'x' }],
  },
  'app/(portal)/t/[tenant]/users/actions.ts#sendPasswordLinkAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/users`,
    own: async (_w: CanaryWorld, owner: postgres.Sql, slug: string) => [slug, { id: await plantEndUser(owner, slug, 'basic') }],
    foreign: (w: CanaryWorld, slug: string) => [slug, { id: w.foreignUserId }],
    malformed: (slug: string) => [slug, { id: 'x' }],
  },
  // A dry run (changes nothing), so the matrix's own calls leave no users behind.
  'app/(portal)/t/[tenant]/users/actions.ts#importUsersAction': {
    kind: 'tenant',
    page: (slug: string) => `/t/${slug}/users/import`,
    own: async (_w: CanaryWorld, _owner: postgres.Sql, slug: string) => [slug, { csv: `email,name\nmatrix.${Date.now()}@import.example,Matrix Import`, dryRun: true }],
    malformed: (slug: string) => [slug, { csv: '', dryRun: 'yes' }],
    intact: async (owner: postgres.Sql) => {
      const rows = await owner`select count(*)::int as n from users where email like 'matrix.%@import.example'`;
      expect(rows[0]!.n).toBe(0);
    },
  },
  'app/(auth)/t/[tenant]/unlock/actions.ts#unlockAction': {
    kind: 'public',
    page: (slug: string) => `/t/${slug}/unlock`,
    check: async (call, owner) => {
      const token = randomBytes(32).toString('base64url');
      const user = await plantEndUser(owner, 'northwind', 'basic');
      await owner`insert into password_tokens (tenant_id, user_id, token_hash, purpose, expires_at)
        select tenant_id, id, encode(sha256(convert_to(${token}, 'UTF8')), 'hex'), 'unlock', now() + interval '1 hour' from users where id = ${user}`;
      expect(codeOf(await call('globex', { tenant: 'globex', token })), 'a token used in another tenant').toBe('NOT_FOUND');
      expect(codeOf(await call('northwind', { tenant: 'northwind', token }, EVIL)), 'cross-site').toBe('FORBIDDEN');
      expect(okOf(await call('northwind', { tenant: 'northwind', token }))).toBe(true);
      expect(codeOf(await call('northwind', { tenant: 'northwind', token })), 'the same token again').toBe('NOT_FOUND');
      expect(codeOf(await call('northwind', { tenant: 'northwind', token: 'short' })), 'malformed').toBe('VALIDATION_ERROR');
    },
  },
  'app/(auth)/t/[tenant]/signup/actions.ts#signUpAction': {
    kind: 'public',
    page: (slug: string) => `/t/${slug}/signup`,
    check: async (call, owner) => {
      const email = `matrix-${randomBytes(4).toString('hex')}@example.net`;
      const visitor = { tenant: 'northwind', name: 'Matrix Visitor', email, password: 'a-long-matrix-passphrase', acceptTerms: true };
      expect(codeOf(await call('northwind', visitor, EVIL)), 'cross-site').toBe('FORBIDDEN');
      expect(okOf(await call('northwind', visitor))).toBe(true);
      // The same address again: the same answer, and still one account.
      expect(okOf(await call('northwind', visitor))).toBe(true);
      expect(await owner`select type, email_verified_at from users where email = ${email}`).toEqual([{ type: 'guest', email_verified_at: null }]);
      expect(codeOf(await call('northwind', { ...visitor, email: 'not-an-email', password: 'short' })), 'malformed').toBe('VALIDATION_ERROR');
    },
  },
  'app/(auth)/t/[tenant]/signup/actions.ts#verifyEmailAction': {
    kind: 'public',
    page: (slug: string) => `/t/${slug}/verify-email`,
    check: async (call, owner) => {
      const token = randomBytes(32).toString('base64url');
      const [user] = await owner`insert into users (tenant_id, email, name, type, email_verified_at)
        values ((select id from tenants where slug = 'northwind'), ${`matrix-${randomBytes(4).toString('hex')}@example.net`}, 'Matrix Visitor', 'guest', null) returning id, tenant_id`;
      await owner`insert into password_tokens (tenant_id, user_id, token_hash, purpose, expires_at)
        values (${user!.tenant_id}, ${user!.id}, encode(sha256(convert_to(${token}, 'UTF8')), 'hex'), 'verify_email', now() + interval '1 day')`;
      expect(codeOf(await call('globex', { tenant: 'globex', token })), 'a token used in another tenant').toBe('NOT_FOUND');
      expect(codeOf(await call('northwind', { tenant: 'northwind', token }, EVIL)), 'cross-site').toBe('FORBIDDEN');
      expect(okOf(await call('northwind', { tenant: 'northwind', token }))).toBe(true);
      expect(codeOf(await call('northwind', { tenant: 'northwind', token })), 'the same token again').toBe('NOT_FOUND');
      expect(codeOf(await call('northwind', { tenant: 'northwind', token: 'short' })), 'malformed').toBe('VALIDATION_ERROR');
      const [row] = await owner`select email_verified_at is not null as verified from users where id = ${user!.id}`;
      expect(row!.verified).toBe(true);
    },
  },
} satisfies Record<string, ActionSpec>);

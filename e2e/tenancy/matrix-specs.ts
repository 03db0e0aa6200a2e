import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import { plantLink, plantOwnSession, plantPasswordToken, plantRegistryTenant, tenantIdOf, type CanaryWorld } from '../fixtures/canaries';

/** How the isolation matrix calls each entry point. Every one in the code must have an entry. */

export type Target = { path: string; body?: unknown };
/** acme's admin; the platform operator; globex's admin (a tenant that holds no links as a partner). */
export type Actor = 'acme' | 'platform' | 'globex';

export type RouteSpec =
  | { kind: 'public' }
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
  'GET /api/health': { kind: 'public' },
  'GET /api/auth/[...nextauth]': { kind: 'auth-provider' },
  'POST /api/auth/[...nextauth]': { kind: 'auth-provider' },
  'GET /api/v1/me': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me' }) },
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
  'GET /api/v1/audit/export': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/audit/export' }) },
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
    }
  | { kind: 'public'; page: (slug: string) => string };

const registryArgs = async (owner: postgres.Sql, slug: string, status: 'active' | 'stopped') => [
  slug,
  { id: await plantRegistryTenant(owner, status), status: status === 'active' ? 'stopped' : 'active' },
];

export const actions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/sessions/actions.ts#revokeSessionAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/sessions`,
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
  'app/(auth)/t/[tenant]/set-password/actions.ts#setPasswordAction': {
    kind: 'public',
    page: (slug) => `/t/${slug}/set-password`,
  },
};

export { plantPasswordToken };

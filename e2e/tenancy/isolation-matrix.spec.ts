import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import type postgres from 'postgres';
import { expect, test } from '../fixtures/auth';
import { canaryState, plantCanaries, plantOwnSession, type CanaryWorld } from '../fixtures/canaries';
import { e2eOwner } from '../fixtures/db';
import { E2E_PORT } from '../fixtures/env';
import { actionId, discoverActions, discoverRoutes } from './entry-points';

const baseURL = `http://localhost:${E2E_PORT}`;

type Target = { path: string; body?: unknown };
type RouteSpec =
  | { kind: 'public' }
  | { kind: 'auth-provider' }
  | {
      kind: 'api';
      ok: number;
      /** Status through a live msp_full link when the permission is never link-grantable (403). */
      viaLink?: number;
      /** A request for an object of the acting tenant: acme at home, northwind through the link. */
      own: (w: CanaryWorld, owner: postgres.Sql, acting: 'acme-msp' | 'northwind') => Promise<Target>;
      foreign?: (w: CanaryWorld) => Target;
      /** After the attacks, what must still be true in the database. */
      intact?: (w: CanaryWorld, owner: postgres.Sql, target: Target) => Promise<void>;
    };

const sessionStillLive = async (_w: CanaryWorld, owner: postgres.Sql, t: Target) => {
  const id = t.path.split('/').pop()!;
  const rows = await owner`select revoked_at from sessions where id = ${id}`;
  expect(rows.map((r) => r.revoked_at)).toEqual([null]);
};

/** Every route handler: how to call it for its own tenant, and with a foreign object id. */
const routes: Record<string, RouteSpec> = {
  'GET /api/health': { kind: 'public' },
  'GET /api/auth/[...nextauth]': { kind: 'auth-provider' },
  'POST /api/auth/[...nextauth]': { kind: 'auth-provider' },
  'GET /api/v1/me': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/me' }) },
  'GET /api/v1/partner/customers': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/customers' }) },
  'GET /api/v1/users': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/users?limit=100' }) },
  'GET /api/v1/users/[id]': {
    kind: 'api',
    ok: 200,
    own: async (_w, owner, acting) => {
      const [u] = await owner`select u.id from users u join tenants t on t.id = u.tenant_id
        where t.slug = ${acting} order by u.created_at limit 1`;
      return { path: `/api/v1/users/${u!.id}` };
    },
    foreign: (w) => ({ path: `/api/v1/users/${w.foreignUserId}` }),
  },
  'GET /api/v1/sessions': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/sessions' }) },
  'GET /api/v1/audit': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/audit?limit=100' }) },
  'GET /api/v1/audit/export': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/audit/export' }) },
  'POST /api/v1/audit/verify': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/audit/verify' }) },
  'DELETE /api/v1/sessions/[id]': {
    kind: 'api',
    ok: 204,
    own: async (w, owner) => ({ path: `/api/v1/sessions/${await plantOwnSession(owner, w)}` }),
    foreign: (w) => ({ path: `/api/v1/sessions/${w.foreignSessionId}` }),
    intact: sessionStillLive,
  },
};

type ActionSpec = {
  page: (slug: string) => string;
  own: (w: CanaryWorld, owner: postgres.Sql, slug: string) => Promise<unknown[]>;
  foreign?: (w: CanaryWorld, slug: string) => unknown[];
  malformed: (slug: string) => unknown[];
  intact?: (w: CanaryWorld, owner: postgres.Sql, args: unknown[]) => Promise<void>;
};

/** Every server action: its page, and its arguments for its own tenant or a foreign object. */
const actions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/sessions/actions.ts#revokeSessionAction': {
    page: (slug) => `/t/${slug}/sessions`,
    own: async (w, owner, slug) => [slug, { id: await plantOwnSession(owner, w) }],
    foreign: (w, slug) => [slug, { id: w.foreignSessionId }],
    malformed: (slug) => [slug, { id: "1' or '1'='1" }],
    intact: async (_w, owner, args) => {
      const rows = await owner`select revoked_at from sessions where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.revoked_at)).toEqual([null]);
    },
  },
  'app/(portal)/t/[tenant]/audit/actions.ts#verifyChainAction': {
    page: (slug) => `/t/${slug}/audit`,
    own: async (_w, _owner, slug) => [slug, {}],
    malformed: (slug) => [slug, 'not-an-object'],
  },
};

let owner: postgres.Sql;
let world: CanaryWorld;
let actor: APIRequestContext;
let revokedActor: APIRequestContext;
let anonymous: APIRequestContext;
let cases = 0;
let pristine: string;

async function signedIn(tenant: string, email: string): Promise<{ ctx: APIRequestContext; sessionId: string }> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = await (await ctx.get('/api/auth/csrf')).json();
  const res = await ctx.post('/api/auth/callback/tenant-credentials', {
    form: { csrfToken, tenant, email, password: 'demo-pass-2026' },
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(400);
  const sessions = (await (await ctx.get('/api/v1/sessions')).json()).items as { id: string; current: boolean }[];
  return { ctx, sessionId: sessions.find((s) => s.current)!.id };
}

function expectNoCanary(body: string, label: string) {
  expect(body.includes(world.token), `${label}: response leaked a canary`).toBe(false);
}

async function expectError(res: APIResponse, status: number, code: string, label: string) {
  const body = await res.text();
  cases++;
  expectNoCanary(body, label);
  expect(res.status(), `${label}: ${body.slice(0, 200)}`).toBe(status);
  expect(JSON.parse(body).error.code, label).toBe(code);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  owner = e2eOwner();
  world = await plantCanaries(owner);
  actor = (await signedIn('acme-msp', 'admin@acme-msp.example')).ctx;
  const doomed = await signedIn('acme-msp', 'admin@acme-msp.example');
  await owner`update sessions set revoked_at = now() where id = ${doomed.sessionId}`;
  revokedActor = doomed.ctx;
  anonymous = await playwrightRequest.newContext({ baseURL });
  pristine = await canaryState(owner, world);
});

test.afterEach(async () => {
  // Whatever the attacks did, the foreign tenants are exactly as planted.
  expect(await canaryState(owner, world)).toBe(pristine);
});

test.afterAll(async () => {
  console.log(`isolation matrix: ${cases} HTTP cases over ${Object.keys(routes).length} routes and ${Object.keys(actions).length} actions`);
  await Promise.all([actor?.dispose(), revokedActor?.dispose(), anonymous?.dispose()]);
  await owner?.end();
});

test('every route handler and server action in the code has matrix cases', () => {
  expect(discoverRoutes()).toEqual(Object.keys(routes).sort());
  expect(discoverActions()).toEqual(Object.keys(actions).sort());
});

for (const [key, spec] of Object.entries(routes)) {
  const [method, pattern] = key.split(' ') as [string, string];

  test(`route ${key}`, async () => {
    if (spec.kind === 'public') {
      const res = await anonymous.fetch(pattern, { method });
      cases++;
      expect(res.status()).toBe(200);
      expectNoCanary(await res.text(), key);
      return;
    }
    if (spec.kind === 'auth-provider') {
      // next-auth's own endpoints: they never read tenant data; nothing foreign may come back.
      for (const path of ['/api/auth/session', '/api/auth/csrf', '/api/auth/providers']) {
        const res = await (method === 'GET' ? actor.get(path) : actor.post(path, { headers: { Origin: 'https://evil.example' } }));
        cases++;
        expectNoCanary(await res.text(), `${key} ${path}`);
      }
      return;
    }

    const call = async (client: APIRequestContext, target: Target, headers: Record<string, string> = {}) =>
      client.fetch(target.path, {
        method,
        headers: { ...(method === 'GET' ? {} : { Origin: baseURL }), ...headers },
        data: target.body,
        maxRedirects: 0,
      });
    const ok = async (target: Target, headers: Record<string, string>, label: string, status = spec.ok) => {
      const res = await call(actor, target, headers);
      const body = await res.text();
      cases++;
      expect(res.status(), `${label}: ${body.slice(0, 200)}`).toBe(status);
      expectNoCanary(body, label);
    };
    const mutation = method !== 'GET';

    await ok(await spec.own(world, owner, 'acme-msp'), {}, `${key} own (home)`);
    const linked = { 'X-Active-Tenant-Id': world.northwindId };
    await ok(await spec.own(world, owner, 'northwind'), linked, `${key} own (through live link)`, spec.viaLink ?? spec.ok);

    const target = await spec.own(world, owner, 'acme-msp');
    if (spec.foreign) {
      await expectError(await call(actor, spec.foreign(world)), 404, 'NOT_FOUND', `${key} foreign id`);
      const viaLink = await call(actor, spec.foreign(world), { 'X-Active-Tenant-Id': world.northwindId });
      await expectError(viaLink, 404, 'NOT_FOUND', `${key} foreign id through link`);
    }
    const denied: [string, string, number, string][] = [
      ['unlinked tenant', world.tenants.unlinked, 403, 'TENANT_ACCESS_DENIED'],
      ['expired link', world.tenants.expired, 403, 'TENANT_LINK_EXPIRED'],
      ['revoked link', world.tenants.revoked, 403, 'TENANT_ACCESS_DENIED'],
      ['stopped tenant', world.tenants.stopped, 403, 'TENANT_ACCESS_DENIED'],
      ['malformed header', `${world.tenants.unlinked}'--`, 422, 'VALIDATION_ERROR'],
    ];
    for (const [label, header, status, code] of denied) {
      await expectError(await call(actor, target, { 'X-Active-Tenant-Id': header }), status, code, `${key} ${label}`);
    }
    await expectError(await call(anonymous, target), 401, 'UNAUTHORIZED', `${key} no session`);
    await expectError(await call(revokedActor, target), 401, 'UNAUTHORIZED', `${key} revoked session`);
    if (mutation) {
      await expectError(await call(actor, target, { Origin: 'https://evil.example' }), 403, 'FORBIDDEN', `${key} cross-site Origin`);
      const spoofed = { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' };
      await expectError(await call(actor, target, spoofed), 403, 'FORBIDDEN', `${key} cross-site Origin with a forged X-Forwarded-Host`);
    }
    await spec.intact?.(world, owner, target);
  });
}

for (const [key, spec] of Object.entries(actions)) {
  test(`server action ${key}`, async () => {
    const id = actionId(key);
    const invoke = async (client: APIRequestContext, slug: string, args: unknown[], origin = baseURL) => {
      const res = await client.post(spec.page(slug), {
        headers: { 'Next-Action': id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', Origin: origin },
        data: JSON.stringify(args),
        maxRedirects: 0,
      });
      const body = await res.text();
      cases++;
      expectNoCanary(body, `${key} ${slug}`);
      return { status: res.status(), body };
    };
    const succeeded = (body: string) => body.includes('"ok":true');
    const errorCode = (body: string) => /"code":"([A-Z_]+)"/.exec(body)?.[1];

    const own = await invoke(actor, 'acme-msp', await spec.own(world, owner, 'acme-msp'));
    expect(succeeded(own.body), own.body.slice(0, 300)).toBe(true);

    const target = await spec.own(world, owner, 'acme-msp');
    if (spec.foreign) {
      const foreign = await invoke(actor, 'acme-msp', spec.foreign(world, 'acme-msp'));
      expect(errorCode(foreign.body)).toBe('NOT_FOUND');
    }

    const slugOf = async (id: string) => ((await owner`select slug from tenants where id = ${id}`)[0]!.slug as string);
    const denied: [string, string][] = [
      [await slugOf(world.tenants.unlinked), 'TENANT_ACCESS_DENIED'],
      [await slugOf(world.tenants.expired), 'TENANT_LINK_EXPIRED'],
      [await slugOf(world.tenants.revoked), 'TENANT_ACCESS_DENIED'],
      [await slugOf(world.tenants.stopped), 'TENANT_ACCESS_DENIED'],
      ['no-such-tenant-x', 'TENANT_ACCESS_DENIED'],
    ];
    for (const [slug, code] of denied) {
      const res = await invoke(actor, slug, [slug, target[1]]);
      expect(errorCode(res.body), `${key} as ${slug}`).toBe(code);
    }
    const malformed = await invoke(actor, 'acme-msp', spec.malformed('acme-msp'));
    expect(errorCode(malformed.body)).toBe('VALIDATION_ERROR');
    // Without a session the proxy sends the browser to sign in; with a revoked one the action refuses.
    const anon = await invoke(anonymous, 'acme-msp', target);
    expect(succeeded(anon.body)).toBe(false);
    const revoked = await invoke(revokedActor, 'acme-msp', target);
    expect(errorCode(revoked.body)).toBe('UNAUTHORIZED');
    const crossSite = await invoke(actor, 'acme-msp', target, 'https://evil.example');
    expect(succeeded(crossSite.body)).toBe(false);
    await spec.intact?.(world, owner, target);
  });
}

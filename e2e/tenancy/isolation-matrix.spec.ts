import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import type postgres from 'postgres';
import { expect, test } from '../fixtures/auth';
import { decideFeature, featureCatalogue, type FeatureStage } from '../../lib/config/features';
import { can, effectivePermissions, type Permission } from '../../lib/rbac';
import { workspaceHref, workspaces, workspaceState, type WorkspaceAccess } from '../../lib/workspaces';
import {
  canaryState,
  delegateGrants,
  plantCanaries,
  plantRoleLinks,
  sweptLinkRoles,
  tablesWithoutCanary,
  type CanaryWorld,
  type SweptLinkRole,
} from '../fixtures/canaries';
import { e2eOwner } from '../fixtures/db';
import { E2E_PORT } from '../fixtures/env';
import { actionId, discoverActions, discoverPermissions, discoverRoutes } from './entry-points';
import { newApiKey } from '../../lib/auth/api-key';
import { actions, codeOf, EVIL, okOf, routes, type Actor, type Target } from './matrix-specs';

const baseURL = `http://localhost:${E2E_PORT}`;

let owner: postgres.Sql;
let world: CanaryWorld;
let pristine: string;
let cases = 0;
/** A tenant acme manages through a live link of each swept role, and acme's admin's home permissions. */
let roleTenants: Record<SweptLinkRole, { id: string; slug: string }>;
let acmeAdminPermissions: Set<string>;
let weakPermissions: Set<string>;
let platformPermissions: Set<string>;

/** What a demo user's roles grant at home, read from the database as planted. */
async function homePermissionsOf(email: string): Promise<Set<string>> {
  const rows = await owner`select distinct rp.permission from users u
    join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
    join role_permissions rp on rp.tenant_id = ur.tenant_id and rp.role_id = ur.role_id where u.email = ${email}`;
  return new Set(rows.map((r) => r.permission as string));
}
const permissions = discoverPermissions();

/** Whether acme's admin may use an entry point's permission through a link of this role (the rule the code must follow). */
function allowedThrough(role: SweptLinkRole, permission: string): boolean {
  const link = { accessRole: role, customPermissions: role === 'delegate' ? { ...delegateGrants } : {} };
  const ctx = { via: 'link' as const, homePermissions: acmeAdminPermissions, permissions: effectivePermissions(acmeAdminPermissions, link) };
  return can(ctx, permission as Permission);
}
const clients = {} as Record<Actor | 'weak' | 'revoked' | 'anonymous', APIRequestContext>;
/** `Authorization` headers of API keys for the same callers (lib/auth/api-key.ts). */
const keys = {} as Record<Actor | 'weak' | 'revoked', { Authorization: string }>;

/** A key of a demo user with every permission the user holds, planted as the portal stores one (only the hash). */
async function plantKey(email: string, revoked = false): Promise<{ Authorization: string }> {
  const made = newApiKey();
  await owner`insert into api_keys (tenant_id, id, name, secret_hash, permissions, user_id, created_by_label, revoked_at)
    select u.tenant_id, ${made.id}, 'Isolation matrix', ${made.secretHash}, ${owner.array([...(await homePermissionsOf(email))])}, u.id, u.email, ${revoked ? new Date() : null}
    from users u where u.email = ${email}`;
  return { Authorization: `Bearer ${made.token}` };
}
const homeSlug: Record<Actor, string> = { acme: 'acme-msp', platform: 'platform', globex: 'globex' };

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

async function expectStatus(res: APIResponse, status: number, label: string, code?: string) {
  const body = await res.text();
  cases++;
  expectNoCanary(body, label);
  expect(res.status(), `${label}: ${body.slice(0, 200)}`).toBe(status);
  if (code) expect(JSON.parse(body).error.code, label).toBe(code);
}

/** What acting in each canary tenant answers: acme holds (dead) links to three of them; the platform holds none. */
function deniedTenants(actor: Actor): [string, string, string][] {
  const code = (linked: string) => (actor === 'acme' ? linked : 'TENANT_ACCESS_DENIED');
  return [
    ['unlinked tenant', world.tenants.unlinked, 'TENANT_ACCESS_DENIED'],
    ['expired link', world.tenants.expired, code('TENANT_LINK_EXPIRED')],
    ['revoked link', world.tenants.revoked, 'TENANT_ACCESS_DENIED'],
    ['stopped tenant', world.tenants.stopped, 'TENANT_ACCESS_DENIED'],
  ];
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  owner = e2eOwner();
  world = await plantCanaries(owner);
  roleTenants = await plantRoleLinks(owner, world.acmeId);
  acmeAdminPermissions = await homePermissionsOf('admin@acme-msp.example');
  weakPermissions = await homePermissionsOf('basic@northwind.example');
  platformPermissions = await homePermissionsOf('ops@platform.example');
  // A few users make hundreds of calls a minute here (northwind's basic user is the caller without
  // the permission on every route): lift their tenants' API limits for the run
  // (configuration.spec.ts tests the limits themselves).
  await owner`insert into tenant_rate_limits (tenant_id, list_per_minute, detail_per_minute, write_per_minute, export_per_hour, link_per_minute)
    select id, 100000, 100000, 100000, 100000, 100000 from tenants where slug in ('acme-msp', 'platform', 'globex', 'northwind')
    on conflict (tenant_id) do update set list_per_minute = 100000, detail_per_minute = 100000, write_per_minute = 100000,
      export_per_hour = 100000, link_per_minute = 100000`;
  clients.acme = (await signedIn('acme-msp', 'admin@acme-msp.example')).ctx;
  clients.platform = (await signedIn('platform', 'ops@platform.example')).ctx;
  clients.globex = (await signedIn('globex', 'admin@globex.example')).ctx;
  clients.weak = (await signedIn('northwind', 'basic@northwind.example')).ctx;
  const doomed = await signedIn('acme-msp', 'admin@acme-msp.example');
  await owner`update sessions set revoked_at = now() where id = ${doomed.sessionId}`;
  clients.revoked = doomed.ctx;
  clients.anonymous = await playwrightRequest.newContext({ baseURL });
  // The same callers with API keys holding every permission of their user (and a revoked one).
  for (const [who, email] of [['acme', 'admin@acme-msp.example'], ['platform', 'ops@platform.example'], ['globex', 'admin@globex.example'], ['weak', 'basic@northwind.example']] as const) {
    keys[who] = await plantKey(email);
  }
  keys.revoked = await plantKey('admin@acme-msp.example', true);
  pristine = await canaryState(owner, world);
});

test.afterEach(async () => {
  // Whatever the attacks did, the foreign tenants are exactly as planted.
  expect(await canaryState(owner, world)).toBe(pristine);
});

test.afterAll(async () => {
  console.log(`isolation matrix: ${cases} HTTP cases over ${Object.keys(routes).length} routes and ${Object.keys(actions).length} actions`);
  await Promise.all(Object.values(clients).map((c) => c.dispose()));
  // Leave the shared demo world as the other journeys expect it: no live links to planted tenants.
  await owner`delete from tenant_rate_limits where tenant_id in (select id from tenants where slug in ('acme-msp', 'platform', 'globex', 'northwind'))`;
  await owner`update partner_tenant_links set status = 'revoked', revoked_at = now()
    where status in ('requested', 'active') and (managed_tenant_id in (select id from tenants where slug like 'cn-%')
       or partner_tenant_id in (select id from tenants where slug like 'cn-%'))`;
  await owner.end();
});

test('every tenant table holds a canary row in every canary tenant, so an attack on any table shows', async () => {
  expect(await tablesWithoutCanary(owner, world)).toEqual([]);
});

test('every route handler and server action in the code has matrix cases and names its permission', () => {
  expect(discoverRoutes()).toEqual(Object.keys(routes).sort());
  expect(discoverActions()).toEqual(Object.keys(actions).sort());
  const unnamed = [...discoverRoutes(), ...discoverActions()].filter((key) => {
    const spec = routes[key] ?? actions[key];
    return spec?.kind !== 'public' && spec?.kind !== 'auth-provider' && !permissions[key];
  });
  expect(unnamed).toEqual([]);
});

for (const [key, spec] of Object.entries(routes)) {
  const [method, pattern] = key.split(' ') as [string, string];

  test(`route ${key}`, async () => {
    if (spec.kind === 'public') {
      const data = spec.body?.();
      await expectStatus(await clients.anonymous.fetch(pattern, { method, data }), spec.status ?? 200, key);
      if (method !== 'GET') await expectStatus(await clients.anonymous.fetch(pattern, { method, data: spec.body?.(), headers: { Origin: EVIL } }), 403, `${key} cross-site Origin`, 'FORBIDDEN');
      return;
    }
    if (spec.kind === 'auth-provider') {
      // next-auth's own endpoints never read tenant data; nothing foreign may come back.
      for (const path of ['/api/auth/session', '/api/auth/csrf', '/api/auth/providers']) {
        const res = await (method === 'GET' ? clients.acme.get(path) : clients.acme.post(path, { headers: { Origin: EVIL } }));
        cases++;
        expectNoCanary(await res.text(), `${key} ${path}`);
      }
      return;
    }

    const actor = spec.actor ?? 'acme';
    const mutation = method !== 'GET';
    const call = (client: APIRequestContext, target: Target, headers: Record<string, string> = {}) =>
      client.fetch(target.path, { method, headers: { ...(mutation ? { Origin: baseURL } : {}), ...headers }, data: target.body, maxRedirects: 0 });
    const linked = { 'X-Active-Tenant-Id': world.northwindId };

    await expectStatus(await call(clients[actor], await spec.own(world, owner, 'home')), spec.ok, `${key} own (home)`);
    const viaLink = await call(clients[actor], await spec.own(world, owner, 'northwind'), linked);
    await expectStatus(viaLink, spec.viaLink ?? spec.ok, `${key} own (through acme's live link)`);

    // The same with API keys instead of cookies (before the target below is planted: some of
    // these writes touch every row of their kind, revoke-all for one).
    const keyOk = spec.keyOk ?? spec.ok;
    const withKey = (who: keyof typeof keys, t: Target, headers: Record<string, string> = {}) => call(clients.anonymous, t, { ...keys[who], ...headers });
    await expectStatus(await withKey(actor, await spec.own(world, owner, 'home')), keyOk, `${key} own (home), API key`);
    await expectStatus(await withKey(actor, await spec.own(world, owner, 'northwind'), linked), spec.keyOk ?? spec.viaLink ?? spec.ok, `${key} own (through acme's live link), API key`);

    const target = await spec.own(world, owner, 'home');
    if (spec.foreign) {
      await expectStatus(await call(clients[actor], await spec.foreign(world, owner)), 404, `${key} foreign id`, spec.foreignCode ?? 'NOT_FOUND');
      if (actor === 'acme' && (spec.viaLink ?? spec.ok) < 400) {
        await expectStatus(await call(clients.acme, await spec.foreign(world, owner), linked), 404, `${key} foreign id through link`, spec.foreignCode ?? 'NOT_FOUND');
      }
    }
    for (const [label, tenant, code] of deniedTenants(actor)) {
      await expectStatus(await call(clients[actor], target, { 'X-Active-Tenant-Id': tenant }), 403, `${key} ${label}`, code);
    }
    await expectStatus(await call(clients[actor], target, { 'X-Active-Tenant-Id': `${world.tenants.unlinked}'--` }), spec.invalid ?? 422, `${key} malformed header`, 'VALIDATION_ERROR');
    if (!spec.anyUser) await expectStatus(await call(clients.weak, target), 403, `${key} caller without the permission`, 'FORBIDDEN');
    if (actor === 'platform') await expectStatus(await call(clients.acme, target), 403, `${key} a tenant admin`, 'FORBIDDEN');
    await expectStatus(await call(clients.anonymous, target), 401, `${key} no session`, 'UNAUTHORIZED');
    await expectStatus(await call(clients.revoked, target), 401, `${key} revoked session`, 'UNAUTHORIZED');
    if (mutation) {
      await expectStatus(await call(clients[actor], target, { Origin: EVIL }), 403, `${key} cross-site Origin`, 'FORBIDDEN');
      const forged = { Origin: EVIL, 'X-Forwarded-Host': 'evil.example' };
      await expectStatus(await call(clients[actor], target, forged), 403, `${key} cross-site Origin, forged X-Forwarded-Host`, 'FORBIDDEN');
    }
    // The attacks with API keys instead of cookies: the same answers (no Origin check: a key is
    // no cookie a browser sends on its own). Keys never manage keys (spec.keyOk).
    if (spec.foreign && keyOk < 400) await expectStatus(await withKey(actor, await spec.foreign(world, owner)), 404, `${key} foreign id, API key`, spec.foreignCode ?? 'NOT_FOUND');
    for (const [label, tenant, code] of deniedTenants(actor)) {
      await expectStatus(await withKey(actor, target, { 'X-Active-Tenant-Id': tenant }), 403, `${key} ${label}, API key`, code);
    }
    if (!spec.anyUser) await expectStatus(await withKey('weak', target), 403, `${key} caller without the permission, API key`, 'FORBIDDEN');
    await expectStatus(await withKey('revoked', target), 401, `${key} revoked API key`, 'UNAUTHORIZED');

    // Hostile input: a control character in every string, a forged cursor, an impossible date.
    // Some 4xx, never a 5xx; a body with strings in it is refused as 422 before anything runs.
    // Reads get hostile query parameters; writes with text in their body get it poisoned (a write
    // without text would simply run). A target of its own, so the intact checks stay meaningful.
    const victim = await spec.own(world, owner, 'home');
    if (!mutation || hasString(victim.body)) {
      const sep = victim.path.includes('?') ? '&' : '?';
      const hostile = await call(clients[actor], { path: `${victim.path}${sep}search=a%00b&actor=a%00b&cursor=${FORGED_CURSOR}&from=0000-01-01`, body: poison(victim.body) });
      cases++;
      expect(hostile.status(), `${key} hostile input: ${(await hostile.text()).slice(0, 200)}`).toBeLessThan(500);
      if (mutation) expect(hostile.status(), `${key} control characters in the body`).toBe(spec.invalid ?? 422);
    }

    // Every other link role: exactly the entry points its table row allows, nothing else.
    if (actor === 'acme') {
      for (const role of sweptLinkRoles) {
        const res = await call(clients.acme, await spec.own(world, owner, 'northwind'), { 'X-Active-Tenant-Id': roleTenants[role].id });
        const label = `${key} through a live ${role} link (${permissions[key]})`;
        if (allowedThrough(role, permissions[key]!)) {
          cases++;
          const body = await res.text();
          expectNoCanary(body, label);
          expect(res.status(), `${label}: ${body.slice(0, 200)}`).toBeLessThan(500);
          expect([401, 403], `${label}: ${body.slice(0, 200)}`).not.toContain(res.status());
        } else {
          await expectStatus(res, 403, label, 'FORBIDDEN');
        }
      }
    }
    await spec.intact?.(owner, target);
  });
}

/** The features on in a tenant, decided from the database as the portal decides them. */
async function enabledIn(slug: string): Promise<Set<string>> {
  const stages = new Map((await owner`select key, stage from feature_settings`).map((r) => [r.key as string, r.stage as FeatureStage]));
  const rows = new Map(
    (await owner`select f.key, f.early_access, f.enabled from tenant_features f join tenants t on t.id = f.tenant_id where t.slug = ${slug}`).map((r) => [
      r.key as string,
      r,
    ]),
  );
  return new Set(
    featureCatalogue
      .filter((f) => decideFeature({ stage: stages.get(f.key) ?? f.defaultStage, earlyAccess: rows.get(f.key)?.early_access ?? false, tenantEnabled: rows.get(f.key)?.enabled ?? null }).enabled)
      .map((f) => f.key),
  );
}

const pageStatus = { open: 200, forbidden: 403, absent: 404 } as const;

// Pages: every workspace in the registry, as each caller would reach it. The status follows the
// registry's rule (200 open, 403 without the permission, 404 where it does not exist) and no page
// may show a canary.
for (const w of workspaces) {
  test(`page /t/<tenant>/${w.path}`, async () => {
    const held = (perms: Set<string>) => (p: Permission) => perms.has(p);
    const home = (over: Partial<WorkspaceAccess>): Omit<WorkspaceAccess, 'enabledFeatures'> => ({ via: 'home', homeIsPlatform: false, can: held(acmeAdminPermissions), ...over });
    const callers: [string, APIRequestContext, string, Omit<WorkspaceAccess, 'enabledFeatures'>][] = [
      ['acme admin at home', clients.acme, 'acme-msp', home({})],
      ['platform operator at home', clients.platform, 'platform', home({ homeIsPlatform: true, can: held(platformPermissions) })],
      ['basic end user at home', clients.weak, 'northwind', home({ can: held(weakPermissions) })],
      ['acme admin through the msp_full link', clients.acme, 'northwind', {
        via: 'link',
        homeIsPlatform: false,
        can: (p) => can({ via: 'link', homePermissions: acmeAdminPermissions, permissions: effectivePermissions(acmeAdminPermissions, { accessRole: 'msp_full', customPermissions: {} }) }, p),
      }],
      ...sweptLinkRoles.map((role): [string, APIRequestContext, string, Omit<WorkspaceAccess, 'enabledFeatures'>] => [
        `acme admin through a ${role} link`,
        clients.acme,
        roleTenants[role].slug,
        { via: 'link', homeIsPlatform: false, can: (p) => allowedThrough(role, p) },
      ]),
    ];
    for (const [label, client, slug, access] of callers) {
      const expected = pageStatus[workspaceState(w, { ...access, enabledFeatures: await enabledIn(slug) })];
      const res = await client.get(workspaceHref(slug, w), { maxRedirects: 0 });
      cases++;
      const body = await res.text();
      expectNoCanary(body, `${w.path} ${label}`);
      // An end user's overview is My account: the open overview sends them there.
      if (w.path === '' && client === clients.weak && expected === 200) {
        expect({ status: res.status(), location: new URL(res.headers().location ?? '', baseURL).pathname }, `/t/${slug} as ${label}`).toEqual({ status: 307, location: `/t/${slug}/account` });
        continue;
      }
      expect(res.status(), `/t/${slug}/${w.path} as ${label}`).toBe(expected);
      if (expected === 403) expect(body, `${label}: the 403 page names the permission`).toContain(w.permission);
    }
    // Tenants acme cannot act in: never there, whatever the workspace.
    for (const [label, tenant] of deniedTenants('acme')) {
      const [row] = await owner`select slug from tenants where id = ${tenant}`;
      const res = await clients.acme.get(workspaceHref(row!.slug, w), { maxRedirects: 0 });
      cases++;
      expectNoCanary(await res.text(), `${w.path} ${label}`);
      expect(res.status(), `/t/${row!.slug}/${w.path} (${label})`).toBe(404);
    }
  });
}

// The All-tenants mode: partner staff only, and only the tenants their live links allow (the
// canary tenants, reachable through no live link, never show, even when asked for by name).
test('pages /t/all/...', async () => {
  const slugOf = async (tenant: string) => (await owner`select slug from tenants where id = ${tenant}`)[0]!.slug as string;
  const asked = ['/t/all/users', '/t/all/tickets', ...(await Promise.all(deniedTenants('acme').map(async ([, t]) => `/t/all/users?tenant=${await slugOf(t)}`)))];
  const callers: [string, APIRequestContext, Set<string>][] = [
    ['acme admin', clients.acme, acmeAdminPermissions],
    ['platform operator', clients.platform, platformPermissions],
    ['basic end user', clients.weak, weakPermissions],
  ];
  for (const [label, client, perms] of callers) {
    for (const path of asked) {
      const res = await client.get(path, { maxRedirects: 0 });
      cases++;
      expectNoCanary(await res.text(), `${path} as ${label}`);
      expect(res.status(), `${path} as ${label}`).toBe(perms.has('partner.tenants.switch_context') ? 200 : 404);
    }
  }
  const anonymous = await clients.anonymous.get('/t/all/users', { maxRedirects: 0 });
  cases++;
  expect([anonymous.status(), new URL(anonymous.headers()['location'] ?? '', baseURL).pathname]).toEqual([307, '/login']);
  // Not a workspace of any tenant: not found, for everyone.
  expect((await clients.acme.get('/t/all/no-such-workspace', { maxRedirects: 0 })).status()).toBe(404);
});

const FORGED_CURSOR = Buffer.from(JSON.stringify({ c: 'not-a-date', i: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
/** The same value with a NUL added to every string in it. */
const poison = (v: unknown): unknown =>
  typeof v === 'string' ? `${v}\u0000` : Array.isArray(v) ? v.map(poison) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x)])) : v;
const hasString = (v: unknown): boolean =>
  typeof v === 'string' || (Array.isArray(v) ? v.some(hasString) : v !== null && typeof v === 'object' ? Object.values(v).some(hasString) : false);

async function invokeRaw(client: APIRequestContext, id: string, page: string, args: unknown[], origin = baseURL) {
  const res = await client.post(page, {
    headers: { 'Next-Action': id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', Origin: origin },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const body = await res.text();
  cases++;
  expectNoCanary(body, page);
  const location = res.headers()['location'];
  return { status: res.status(), location: location ? new URL(location, baseURL).pathname : null, body };
}
async function invoke(client: APIRequestContext, id: string, page: string, args: unknown[], origin = baseURL) {
  return (await invokeRaw(client, id, page, args, origin)).body;
}

for (const [key, spec] of Object.entries(actions)) {
  test(`server action ${key}`, async () => {
    const id = actionId(key);
    if (spec.kind === 'public') {
      await spec.check((slug, arg, origin) => invoke(clients.anonymous, id, spec.page(slug), [arg], origin), owner);
      return;
    }

    const actor = spec.actor ?? 'acme';
    const home = homeSlug[actor];
    const own = await invoke(clients[actor], id, spec.page(home), await spec.own(world, owner, home));
    if (spec.ownCode) expect(codeOf(own), own.slice(0, 300)).toBe(spec.ownCode);
    else expect(okOf(own), own.slice(0, 300)).toBe(true);

    const target = await spec.own(world, owner, home);
    if (spec.foreign) expect(codeOf(await invoke(clients[actor], id, spec.page(home), await spec.foreign(world, home)))).toBe(spec.foreignCode ?? 'NOT_FOUND');
    const slugOf = async (tenant: string) => (await owner`select slug from tenants where id = ${tenant}`)[0]!.slug as string;
    for (const [label, tenant, code] of deniedTenants(actor)) {
      const slug = await slugOf(tenant);
      expect(codeOf(await invoke(clients[actor], id, spec.page(slug), [slug, target[1]])), `${key} ${label}`).toBe(code);
    }
    expect(codeOf(await invoke(clients[actor], id, spec.page('no-such-tenant-x'), ['no-such-tenant-x', target[1]]))).toBe('TENANT_ACCESS_DENIED');
    expect(codeOf(await invoke(clients[actor], id, spec.page(home), spec.malformed(home)))).toBe('VALIDATION_ERROR');
    if (actor === 'platform') {
      expect(codeOf(await invoke(clients.acme, id, spec.page('acme-msp'), ['acme-msp', target[1]])), 'a tenant admin').toBe('FORBIDDEN');
    }
    // Without a session the proxy sends the browser to sign in; with a revoked one the action refuses.
    const anonymous = await invokeRaw(clients.anonymous, id, spec.page(home), target);
    expect({ status: anonymous.status, location: anonymous.location }, 'no session').toEqual({ status: 307, location: `/t/${home}/login` });
    expect(codeOf(await invoke(clients.revoked, id, spec.page(home), target))).toBe('UNAUTHORIZED');
    const crossSite = await invokeRaw(clients[actor], id, spec.page(home), target, EVIL);
    expect({ status: crossSite.status, code: codeOf(crossSite.body) }, 'cross-site').toEqual({ status: 403, code: 'FORBIDDEN' });
    if (actor === 'acme') {
      for (const role of sweptLinkRoles) {
        const { slug } = roleTenants[role];
        const args = await spec.own(world, owner, home);
        const code = codeOf(await invoke(clients.acme, id, spec.page(slug), [slug, args[1]]));
        const label = `${key} through a live ${role} link (${permissions[key]})`;
        if (allowedThrough(role, permissions[key]!)) expect(['FORBIDDEN', 'TENANT_ACCESS_DENIED', 'UNAUTHORIZED'], label).not.toContain(code);
        else expect(code, label).toBe('FORBIDDEN');
      }
    }
    await spec.intact?.(owner, target);
  });
}

import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import type { ActionSpec, RouteSpec, Target } from './matrix-specs';

// The isolation matrix's cases for integrations (merged into matrix-specs.ts): API keys, managed
// at home only (a link never grants api_keys.manage), so through acme's link every call is 403.

type Acting = 'home' | 'northwind' | string;
const hex = () => randomBytes(4).toString('hex');

/** A live key of the acting tenant's admin (acme's at home), planted by the owner. */
export async function plantApiKey(owner: postgres.Sql, acting: Acting): Promise<string> {
  const slug = acting === 'home' ? 'acme-msp' : acting;
  const [row] = await owner`insert into api_keys (tenant_id, name, secret_hash, permissions, user_id, created_by_label)
    select u.tenant_id, ${`Matrix ${hex()}`}, ${hex()}, ${owner.array(['users.read'])}, u.id, u.email
    from users u join tenants t on t.id = u.tenant_id where t.slug = ${slug} and u.email like 'admin@%' order by u.created_at limit 1 returning id`;
  return row!.id as string;
}

const keyOf = (t: Target) => t.path.split('/').at(-1)!;
const stillLive = async (owner: postgres.Sql, id: string) => {
  const rows = await owner`select revoked_at from api_keys where id = ${id}`;
  expect(rows.map((r) => r.revoked_at)).toEqual([null]);
};

export const integrationRoutes: Record<string, RouteSpec> = {
  'GET /api/v1/api-keys': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/api-keys' }) },
  'POST /api/v1/api-keys': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    own: async () => ({ path: '/api/v1/api-keys', body: { name: `Matrix ${hex()}`, permissions: ['users.read'] } }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from api_keys where name = ${(t.body as { name: string }).name}`).toHaveLength(0);
    },
  },
  'DELETE /api/v1/api-keys/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner, acting) => ({ path: `/api/v1/api-keys/${await plantApiKey(owner, acting)}` }),
    foreign: (w) => ({ path: `/api/v1/api-keys/${w.foreignApiKeyId}` }),
    intact: (owner, t) => stillLive(owner, keyOf(t)),
  },
};

const idOf = (args: unknown[]) => (args[1] as { id: string }).id;

export const integrationActions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/settings/api-keys/actions.ts#createApiKeyAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings/api-keys`,
    own: async (_w, _owner, slug) => [slug, { name: `Matrix ${hex()}`, permissions: ['users.read'] }],
    malformed: (slug) => [slug, { name: '', permissions: ['no.such.permission'] }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from api_keys where name = ${(args[1] as { name: string }).name}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/settings/api-keys/actions.ts#revokeApiKeyAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings/api-keys`,
    own: async (_w, owner, slug) => [slug, { id: await plantApiKey(owner, slug) }],
    foreign: (w, slug) => [slug, { id: w.foreignApiKeyId }],
    malformed: (slug) => [slug, { id: 'not-an-id' }],
    intact: (owner, args) => stillLive(owner, idOf(args)),
  },
};

import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import { E2E_PORT } from '../fixtures/env';
import { codeOf, EVIL, okOf } from './answers';
import { digestToken } from '../fixtures/digest';
import type { ActionSpec, RouteSpec, Target } from './matrix-specs';

// The isolation matrix's cases for integrations (merged into matrix-specs.ts): API keys and
// webhooks, managed at home only (a link grants neither permission), so through acme's link every
// call is 403. Planted endpoints point at the e2e server itself (its health check answers a POST
// at once), which the e2e server's development setting allows (http://localhost).

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

/** An endpoint of the acting tenant (acme's at home), with one failed delivery. */
export async function plantWebhook(owner: postgres.Sql, acting: Acting): Promise<{ id: string; deliveryId: string }> {
  const slug = acting === 'home' ? 'acme-msp' : acting;
  const [endpoint] = await owner`insert into webhook_endpoints (tenant_id, url, description, event_types, secret, created_by_label)
    select id, ${`http://localhost:${E2E_PORT}/api/health`}, ${`Matrix ${hex()}`}, ${owner.array(['ticket.created'])}, ${`whsec_${hex()}`}, 'matrix'
    from tenants where slug = ${slug} returning id, tenant_id`;
  const [delivery] = await owner`insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, source_tenant_id, payload, status, attempts)
    values (${endpoint!.tenant_id}, ${endpoint!.id}, ${`msg_${hex()}`}, 'ticket.created', ${endpoint!.tenant_id}, ${owner.json({ matrix: true })}, 'failed', 10) returning id`;
  return { id: endpoint!.id as string, deliveryId: delivery!.id as string };
}

const endpointIntact = async (owner: postgres.Sql, id: string) => {
  const rows = await owner`select enabled, event_types, previous_secret, (select count(*)::int from webhook_deliveries d where d.endpoint_id = e.id and d.status = 'failed') as failed
    from webhook_endpoints e where id = ${id}`;
  expect(rows.map((r) => ({ ...r }))).toEqual([{ enabled: true, event_types: ['ticket.created'], previous_secret: null, failed: 1 }]);
};
const webhookOf = (t: Target) => t.path.split('/')[4]!;

const keyOf = (t: Target) => t.path.split('/').at(-1)!;
const stillLive = async (owner: postgres.Sql, id: string) => {
  const rows = await owner`select revoked_at from api_keys where id = ${id}`;
  expect(rows.map((r) => r.revoked_at)).toEqual([null]);
};

export const integrationRoutes: Record<string, RouteSpec> = {
  // The API's description: public, and nothing of any tenant in it.
  'GET /api/v1/openapi.json': { kind: 'public' },
  'GET /api/v1/api-keys': { kind: 'api', ok: 200, viaLink: 403, keyOk: 403, own: async () => ({ path: '/api/v1/api-keys' }) },
  'POST /api/v1/api-keys': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    keyOk: 403,
    own: async () => ({ path: '/api/v1/api-keys', body: { name: `Matrix ${hex()}`, permissions: ['users.read'] } }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from api_keys where name = ${(t.body as { name: string }).name}`).toHaveLength(0);
    },
  },
  'DELETE /api/v1/api-keys/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    keyOk: 403,
    own: async (_w, owner, acting) => ({ path: `/api/v1/api-keys/${await plantApiKey(owner, acting)}` }),
    foreign: (w) => ({ path: `/api/v1/api-keys/${w.foreignApiKeyId}` }),
    intact: (owner, t) => stillLive(owner, keyOf(t)),
  },
  'GET /api/v1/webhooks': { kind: 'api', ok: 200, viaLink: 403, own: async () => ({ path: '/api/v1/webhooks' }) },
  'POST /api/v1/webhooks': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    own: async () => ({ path: '/api/v1/webhooks', body: { url: `https://93.184.216.34/matrix-${hex()}`, eventTypes: ['ticket.created'] } }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from webhook_endpoints where url = ${(t.body as { url: string }).url}`).toHaveLength(0);
    },
  },
  'GET /api/v1/webhooks/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner, acting) => ({ path: `/api/v1/webhooks/${(await plantWebhook(owner, acting)).id}` }),
    foreign: (w) => ({ path: `/api/v1/webhooks/${w.foreignWebhookId}` }),
  },
  'PATCH /api/v1/webhooks/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner, acting) => ({ path: `/api/v1/webhooks/${(await plantWebhook(owner, acting)).id}`, body: { description: `Matrix ${hex()}`, enabled: false, eventTypes: ['alert.raised'] } }),
    foreign: (w) => ({ path: `/api/v1/webhooks/${w.foreignWebhookId}`, body: { enabled: true } }),
    intact: (owner, t) => endpointIntact(owner, webhookOf(t)),
  },
  'DELETE /api/v1/webhooks/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner, acting) => ({ path: `/api/v1/webhooks/${(await plantWebhook(owner, acting)).id}` }),
    foreign: (w) => ({ path: `/api/v1/webhooks/${w.foreignWebhookId}` }),
    intact: (owner, t) => endpointIntact(owner, webhookOf(t)),
  },
  'POST /api/v1/webhooks/[id]/test': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner, acting) => ({ path: `/api/v1/webhooks/${(await plantWebhook(owner, acting)).id}/test` }),
    foreign: (w) => ({ path: `/api/v1/webhooks/${w.foreignWebhookId}/test` }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from webhook_deliveries where endpoint_id = ${webhookOf(t)} and event_type = 'webhook.test'`).toHaveLength(0);
    },
  },
  'GET /api/v1/webhooks/[id]/deliveries': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    own: async (_w, owner, acting) => ({ path: `/api/v1/webhooks/${(await plantWebhook(owner, acting)).id}/deliveries?status=failed` }),
    foreign: (w) => ({ path: `/api/v1/webhooks/${w.foreignWebhookId}/deliveries` }),
  },
};

const idOf = (args: unknown[]) => (args[1] as { id: string }).id;

export const notificationRoutes: Record<string, RouteSpec> = {
  'GET /api/v1/me/notifications': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me/notifications?limit=5' }) },
  'POST /api/v1/me/notifications/read': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me/notifications/read', body: {} }) },
  'GET /api/v1/me/notification-preferences': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me/notification-preferences' }) },
  'PUT /api/v1/me/notification-preferences': {
    kind: 'api',
    ok: 200,
    anyUser: true,
    own: async () => ({ path: '/api/v1/me/notification-preferences', body: { channels: { alerts: 'digest' }, digestHour: 8, timeZone: 'UTC' } }),
  },
  // Without a valid signed token: not found (the journeys unsubscribe for real).
  'POST /api/unsubscribe': { kind: 'public', status: 404 },
};

export const integrationActions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/account/actions.ts#updateNotificationPreferencesAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/account`,
    own: async (_w, _owner, slug) => [slug, { digestHour: 8, timeZone: 'UTC' }],
    malformed: (slug) => [slug, { digestHour: 24, timeZone: 'Mars/Olympus' }],
  },
  'app/(auth)/t/[tenant]/unsubscribe/actions.ts#unsubscribeAction': {
    kind: 'public',
    page: (slug) => `/t/${slug}/unsubscribe`,
    check: async (call, owner) => {
      const [user] = await owner`insert into users (tenant_id, email, name, type, created_at)
        select id, ${`digest-${hex()}@northwind.example`}, 'Matrix Digest', 'admin', now() - interval '20 years' from tenants where slug = 'northwind' returning tenant_id, id`;
      const token = digestToken(user!.tenant_id as string, user!.id as string);
      expect(codeOf(await call('globex', { tenant: 'globex', token })), 'a token used under another tenant').toBe('NOT_FOUND');
      expect(codeOf(await call('northwind', { tenant: 'northwind', token }, EVIL)), 'cross-site').toBe('FORBIDDEN');
      expect(codeOf(await call('northwind', { tenant: 'northwind', token: `${token.slice(0, -2)}xx` })), 'a forged signature').toBe('NOT_FOUND');
      expect(okOf(await call('northwind', { tenant: 'northwind', token }))).toBe(true);
      expect(okOf(await call('northwind', { tenant: 'northwind', token })), 'again: still unsubscribed').toBe(true);
      expect(codeOf(await call('northwind', { tenant: 'northwind', token: 'short' })), 'malformed').toBe('VALIDATION_ERROR');
      const [prefs] = await owner`select digest_unsubscribed_at from notification_preferences where user_id = ${user!.id}`;
      expect(prefs!.digest_unsubscribed_at).not.toBeNull();
    },
  },
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
  ...webhookActions(),
  ...mfaActions(),
  'app/(portal)/t/[tenant]/settings/actions.ts#updateSecuritySettingsAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings`,
    own: async (_w, _owner, slug) => [slug, { mfaRequired: false }],
    malformed: (slug) => [slug, { mfaRequired: 'yes' }],
  },
};

/**
 * Two-factor set-up acts on the caller's own account only. The start succeeds (an unconfirmed
 * set-up changes nothing at sign-in); the steps that need a code get a wrong one, so the
 * matrix's admin never turns a factor on (the MFA journey uses its own user): a confirmation of a
 * planted set-up is refused as a wrong code, and with no factor on, turning it off or new
 * recovery codes are a conflict.
 */
function mfaActions(): Record<string, ActionSpec> {
  const page = (slug: string) => `/t/${slug}/account`;
  const file = 'app/(portal)/t/[tenant]/account/actions.ts';
  const wrongCode = { code: '000000' };
  const malformed = (slug: string) => [slug, 'not-an-object'];
  return {
    [`${file}#startMfaAction`]: { kind: 'tenant', page, own: async (_w, _owner, slug) => [slug, {}], malformed },
    [`${file}#confirmMfaAction`]: {
      kind: 'tenant',
      page,
      own: async (_w, owner, slug) => {
        await owner`insert into user_mfa (tenant_id, user_id, secret)
          select tenant_id, id, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' from users where email = ${`admin@${slug}.example`}
          on conflict (tenant_id, user_id) do update set enabled_at = null`;
        return [slug, wrongCode];
      },
      ownCode: 'VALIDATION_ERROR',
      malformed,
    },
    [`${file}#disableMfaAction`]: { kind: 'tenant', page, own: async (_w, _owner, slug) => [slug, wrongCode], ownCode: 'CONFLICT', malformed },
    [`${file}#regenerateRecoveryCodesAction`]: { kind: 'tenant', page, own: async (_w, _owner, slug) => [slug, wrongCode], ownCode: 'CONFLICT', malformed },
  };
}

function webhookActions(): Record<string, ActionSpec> {
  const page = (slug: string) => `/t/${slug}/settings/webhooks`;
  const file = 'app/(portal)/t/[tenant]/settings/webhooks/actions.ts';
  const planted = async (owner: postgres.Sql, slug: string) => (await plantWebhook(owner, slug)).id;
  const untouched = (owner: postgres.Sql, args: unknown[]) => endpointIntact(owner, idOf(args));
  return {
    [`${file}#createWebhookAction`]: {
      kind: 'tenant',
      page,
      own: async (_w, _owner, slug) => [slug, { url: `https://93.184.216.34/matrix-${hex()}`, eventTypes: ['ticket.created'] }],
      malformed: (slug) => [slug, { url: 'not a url', eventTypes: ['no.such.event'] }],
      intact: async (owner, args) => {
        expect(await owner`select 1 from webhook_endpoints where url = ${(args[1] as { url: string }).url}`).toHaveLength(0);
      },
    },
    [`${file}#updateWebhookAction`]: {
      kind: 'tenant',
      page,
      own: async (_w, owner, slug) => [slug, { id: await planted(owner, slug), enabled: false, eventTypes: ['alert.raised'] }],
      foreign: (w, slug) => [slug, { id: w.foreignWebhookId, enabled: true }],
      malformed: (slug) => [slug, { id: 'not-an-id', eventTypes: [] }],
      intact: untouched,
    },
    [`${file}#deleteWebhookAction`]: {
      kind: 'tenant',
      page,
      own: async (_w, owner, slug) => [slug, { id: await planted(owner, slug) }],
      foreign: (w, slug) => [slug, { id: w.foreignWebhookId }],
      malformed: (slug) => [slug, { id: 'not-an-id' }],
      intact: untouched,
    },
    [`${file}#rotateWebhookSecretAction`]: {
      kind: 'tenant',
      page,
      own: async (_w, owner, slug) => [slug, { id: await planted(owner, slug) }],
      foreign: (w, slug) => [slug, { id: w.foreignWebhookId }],
      malformed: (slug) => [slug, { id: 'not-an-id' }],
      intact: untouched,
    },
    [`${file}#sendTestEventAction`]: {
      kind: 'tenant',
      page,
      own: async (_w, owner, slug) => [slug, { id: await planted(owner, slug) }],
      foreign: (w, slug) => [slug, { id: w.foreignWebhookId }],
      malformed: (slug) => [slug, { id: 'not-an-id' }],
      intact: untouched,
    },
    [`${file}#resendDeliveryAction`]: {
      kind: 'tenant',
      page,
      own: async (_w, owner, slug) => {
        const { id, deliveryId } = await plantWebhook(owner, slug);
        return [slug, { id, deliveryId }];
      },
      foreign: (w, slug) => [slug, { id: w.foreignWebhookId, deliveryId: w.foreignDeliveryId }],
      malformed: (slug) => [slug, { id: 'not-an-id', deliveryId: 'x' }],
      intact: untouched,
    },
    [`${file}#replayFailedAction`]: {
      kind: 'tenant',
      page,
      own: async (_w, owner, slug) => [slug, { id: await planted(owner, slug), since: new Date(Date.now() - 3600_000).toISOString() }],
      foreign: (w, slug) => [slug, { id: w.foreignWebhookId, since: new Date(Date.now() - 3600_000).toISOString() }],
      malformed: (slug) => [slug, { id: 'not-an-id', since: 'yesterday' }],
      intact: untouched,
    },
  };
}

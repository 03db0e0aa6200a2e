import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import type { ActionSpec, RouteSpec, Target } from './matrix-specs';
import { plantTicket } from './matrix-tickets';

// The isolation matrix's cases for alerts, reports, the ticket board and the partner support API (merged
// into matrix-specs.ts). Alerts are planted by the owner, active, in the acting tenant (acme at
// home, northwind through the link); the canaries hold one in a tenant acme cannot reach.

type Acting = 'home' | 'northwind';
const hex = () => randomBytes(4).toString('hex');

/** An active SLA alert in the acting tenant. */
export async function plantAlert(owner: postgres.Sql, acting: Acting | string): Promise<string> {
  const slug = acting === 'home' ? 'acme-msp' : acting;
  const [row] = await owner`insert into alerts (tenant_id, type, severity, dedup_key, title, message)
    select t.id, 'sla_breach', 'warning', ${`matrix:${hex()}`}, 'Matrix alert', 'x' from tenants t where t.slug = ${slug} returning id`;
  return row!.id as string;
}

const alertOf = (t: Target) => t.path.split('/').at(-2)!;
const stillActive = async (owner: postgres.Sql, t: Target) => {
  const rows = await owner`select status from alerts where id = ${alertOf(t)}`;
  expect(rows.map((r) => r.status)).toEqual(['active']);
};

export const alertRoutes: Record<string, RouteSpec> = {
  'GET /api/v1/alerts': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/alerts?status=open&limit=5' }) },
  'GET /api/v1/alerts/[id]': {
    kind: 'api',
    ok: 200,
    own: async (_w, owner, acting) => ({ path: `/api/v1/alerts/${await plantAlert(owner, acting)}` }),
    foreign: (w) => ({ path: `/api/v1/alerts/${w.foreignAlertId}` }),
  },
  'POST /api/v1/alerts/[id]/acknowledge': {
    kind: 'api',
    ok: 200,
    own: async (_w, owner, acting) => ({ path: `/api/v1/alerts/${await plantAlert(owner, acting)}/acknowledge`, body: { note: `Matrix ${hex()}` } }),
    foreign: (w) => ({ path: `/api/v1/alerts/${w.foreignAlertId}/acknowledge`, body: { note: 'Matrix' } }),
    intact: stillActive,
  },
  'POST /api/v1/alerts/[id]/resolve': {
    kind: 'api',
    ok: 200,
    own: async (_w, owner, acting) => ({ path: `/api/v1/alerts/${await plantAlert(owner, acting)}/resolve`, body: { note: `Matrix ${hex()}` } }),
    foreign: (w) => ({ path: `/api/v1/alerts/${w.foreignAlertId}/resolve`, body: { note: 'Matrix' } }),
    intact: stillActive,
  },
  'GET /api/v1/partner/alerts/sla': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/alerts/sla?status=active&limit=5' }) },
  'GET /api/v1/partner/alerts/billing': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/alerts/billing?limit=5' }) },
  'GET /api/v1/reports/usage': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/reports/usage?group_by=week' }) },
  'GET /api/v1/reports/sla': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/reports/sla?format=csv' }) },
  'GET /api/v1/partner/reports/usage': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/reports/usage?group_by=tenant' }) },
  'GET /api/v1/partner/reports/sla': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/reports/sla?target_percentage=99.5' }) },
  'GET /api/v1/partner/support/tickets': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/support/tickets?status=open&limit=5' }) },
  // On behalf of a managed tenant only: at home (no X-Active-Tenant-Id) it asks for the header.
  'POST /api/v1/partner/support/tickets': {
    kind: 'api',
    ok: 422,
    viaLink: 201,
    own: async () => ({ path: '/api/v1/partner/support/tickets', body: { subject: `Matrix ${hex()}`, description: 'From the isolation matrix.', priority: 'urgent' } }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from tickets where subject = ${(t.body as { subject: string }).subject}`).toHaveLength(0);
    },
  },
  'PATCH /api/v1/partner/support/tickets/[id]': {
    kind: 'api',
    ok: 200,
    own: async (_w, owner, acting) => ({ path: `/api/v1/partner/support/tickets/${await plantTicket(owner, acting)}`, body: { priority: 'high', comment: { content: `Matrix ${hex()}`, is_internal: true } } }),
    foreign: (w) => ({ path: `/api/v1/partner/support/tickets/${w.foreignTicketId}`, body: { priority: 'high', comment: { content: 'Matrix', is_internal: true } } }),
    intact: async (owner, t) => {
      const id = t.path.split('/').at(-1)!;
      const rows = await owner`select t.priority, (select count(*)::int from ticket_comments c where c.ticket_id = t.id) as comments from tickets t where t.id = ${id}`;
      expect(rows.map((r) => `${r.priority}:${r.comments}`)).toEqual(['normal:0']);
    },
  },
};

const idsOf = (args: unknown[]) => (args[1] as { ids: string[] }).ids;
const stillActiveIds = async (owner: postgres.Sql, args: unknown[]) => {
  const rows = await owner`select status from alerts where id = any(${idsOf(args)})`;
  expect(rows.map((r) => r.status)).toEqual(['active']);
};

export const alertActions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/alerts/actions.ts#actOnAlertsAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/alerts`,
    own: async (_w, owner, slug) => [slug, { ids: [await plantAlert(owner, slug)], action: 'acknowledge' }],
    foreign: (w, slug) => [slug, { ids: [w.foreignAlertId], action: 'resolve' }],
    malformed: (slug) => [slug, { ids: ['not-an-id'], action: 'delete' }],
    intact: stillActiveIds,
  },
  'app/(portal)/t/[tenant]/alerts/actions.ts#actOnAllAlertsAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/alerts`,
    own: async (_w, owner, slug) => [slug, { ids: [await plantAlert(owner, slug)], action: 'assign_me' }],
    foreign: (w, slug) => [slug, { ids: [w.foreignAlertId], action: 'resolve' }],
    malformed: (slug) => [slug, { ids: [], action: 'acknowledge' }],
    intact: stillActiveIds,
  },
};

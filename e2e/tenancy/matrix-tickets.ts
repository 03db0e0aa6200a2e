import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import type { CanaryWorld } from '../fixtures/canaries';
import type { ActionSpec, RouteSpec, Target } from './matrix-specs';

// The isolation matrix's cases for ticket threads and the requester's own tickets (merged into
// matrix-specs.ts). Targets are planted by the owner: a ticket in the acting tenant (acme at home,
// northwind through the link), and one of acme's admin's own for the self routes.

type Acting = 'home' | 'northwind';
const hex = () => randomBytes(4).toString('hex');

/** A ticket of the acting tenant, requested by its first user. */
export async function plantTicket(owner: postgres.Sql, acting: Acting): Promise<string> {
  const [row] = await owner`insert into tickets (tenant_id, number, subject, description, requester_id)
    select t.id, ${`TKT-1999-${hex()}`}, 'Matrix target', 'x', (select u.id from users u where u.tenant_id = t.id order by u.created_at limit 1)
    from tenants t where t.slug = ${acting === 'home' ? 'acme-msp' : 'northwind'} returning id`;
  return row!.id as string;
}

/** A ticket acme's admin requested (the self routes act on the caller's own). */
async function plantOwnTicket(owner: postgres.Sql, w: CanaryWorld): Promise<string> {
  const [row] = await owner`insert into tickets (tenant_id, number, subject, description, requester_id)
    values (${w.acmeId}, ${`TKT-1999-${hex()}`}, 'Matrix own', 'x', ${w.acmeAdminId}) returning id`;
  return row!.id as string;
}

const ticketOf = (t: Target) => t.path.split('/').at(-2)!;
const noComments = async (owner: postgres.Sql, t: Target) => {
  expect(await owner`select 1 from ticket_comments where ticket_id = ${ticketOf(t)}`).toHaveLength(0);
};

export const ticketRoutes: Record<string, RouteSpec> = {
  'GET /api/v1/tickets/[id]/comments': {
    kind: 'api',
    ok: 200,
    own: async (_w, owner, acting) => ({ path: `/api/v1/tickets/${await plantTicket(owner, acting)}/comments` }),
    foreign: (w) => ({ path: `/api/v1/tickets/${w.foreignTicketId}/comments` }),
  },
  'POST /api/v1/tickets/[id]/comments': {
    kind: 'api',
    ok: 201,
    own: async (_w, owner, acting) => ({ path: `/api/v1/tickets/${await plantTicket(owner, acting)}/comments`, body: { body: `Matrix note ${hex()}`, internal: true } }),
    foreign: (w) => ({ path: `/api/v1/tickets/${w.foreignTicketId}/comments`, body: { body: 'Matrix note', internal: true } }),
    intact: noComments,
  },
  'GET /api/v1/me/tickets': { kind: 'api', ok: 200, viaLink: 403, anyUser: true, own: async () => ({ path: '/api/v1/me/tickets' }) },
  'POST /api/v1/me/tickets': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    anyUser: true,
    own: async () => ({ path: '/api/v1/me/tickets', body: { subject: `Matrix ${hex()}`, description: 'From the isolation matrix.' } }),
    intact: async (owner, t) => {
      expect(await owner`select 1 from tickets where subject = ${(t.body as { subject: string }).subject}`).toHaveLength(0);
    },
  },
  'GET /api/v1/me/tickets/[id]': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/me/tickets/${await plantOwnTicket(owner, w)}` }),
    foreign: (w) => ({ path: `/api/v1/me/tickets/${w.foreignTicketId}` }),
  },
  'POST /api/v1/me/tickets/[id]/comments': {
    kind: 'api',
    ok: 201,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/me/tickets/${await plantOwnTicket(owner, w)}/comments`, body: { body: `Matrix reply ${hex()}` } }),
    foreign: (w) => ({ path: `/api/v1/me/tickets/${w.foreignTicketId}/comments`, body: { body: 'Matrix reply' } }),
    intact: noComments,
  },
};

const noCommentsOn = async (owner: postgres.Sql, args: unknown[]) => {
  expect(await owner`select 1 from ticket_comments where ticket_id = ${(args[1] as { id: string }).id}`).toHaveLength(0);
};

const weekdays9to5 = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]));
const target = (minutes: number, mode = 'business') => ({ minutes, mode });
const ticketSettings = {
  autoCloseHours: 96,
  slaPolicy: {
    urgent: { firstResponse: target(60, 'calendar'), resolution: target(240, 'calendar') },
    high: { firstResponse: target(240), resolution: target(480) },
    normal: { firstResponse: target(480), resolution: target(1440) },
    low: { firstResponse: target(1440), resolution: target(2400) },
  },
  businessCalendar: { timeZone: 'UTC', hours: weekdays9to5, holidays: [] },
};

export const ticketActions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/settings/actions.ts#updateTicketSettingsAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings`,
    own: async (_w, _owner, slug) => [slug, ticketSettings],
    malformed: (slug) => [slug, { ...ticketSettings, autoCloseHours: 0, businessCalendar: { timeZone: 'Mars/Olympus', hours: {}, holidays: ['tomorrow'] } }],
  },
  'app/(portal)/t/[tenant]/tickets/actions.ts#updateTicketAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/tickets`,
    own: async (_w, owner, slug) => [slug, { id: await plantTicket(owner, 'home'), priority: 'high' }],
    foreign: (w, slug) => [slug, { id: w.foreignTicketId, status: 'pending' }],
    malformed: (slug) => [slug, { id: 'not-an-id', status: 'deleted' }],
    intact: async (owner, args) => {
      const rows = await owner`select status, priority from tickets where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => `${r.status}:${r.priority}`)).toEqual(['open:normal']);
    },
  },
  'app/(portal)/t/[tenant]/tickets/actions.ts#addTicketCommentAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/tickets`,
    own: async (_w, owner, slug) => [slug, { id: await plantTicket(owner, 'home'), body: `Matrix note ${hex()}`, internal: true }],
    foreign: (w, slug) => [slug, { id: w.foreignTicketId, body: 'Matrix note', internal: true }],
    malformed: (slug) => [slug, { id: 'not-an-id', body: '' }],
    intact: noCommentsOn,
  },
  'app/(portal)/t/[tenant]/account/tickets/actions.ts#createMyTicketAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/account/tickets`,
    own: async (_w, _owner, slug) => [slug, { subject: `Matrix ${hex()}`, description: 'From the isolation matrix.' }],
    malformed: (slug) => [slug, { subject: 'x', description: '' }],
    intact: async (owner, args) => {
      expect(await owner`select 1 from tickets where subject = ${(args[1] as { subject: string }).subject}`).toHaveLength(0);
    },
  },
  'app/(portal)/t/[tenant]/account/tickets/actions.ts#replyToMyTicketAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/account/tickets`,
    own: async (w, owner, slug) => [slug, { id: await plantOwnTicket(owner, w), body: `Matrix reply ${hex()}` }],
    foreign: (w, slug) => [slug, { id: w.foreignTicketId, body: 'Matrix reply' }],
    malformed: (slug) => [slug, { id: 'not-an-id', body: '' }],
    intact: noCommentsOn,
  },
};

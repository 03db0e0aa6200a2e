import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import type { CanaryWorld } from '../fixtures/canaries';
import { plantOwnSubscription, plantSubscription } from './matrix-plans';
import type { ActionSpec, RouteSpec, Target } from './matrix-specs';

// The isolation matrix's cases for billing and exports (merged into matrix-specs.ts). Targets are
// planted by the owner: an open invoice on a subscription of the acting tenant (acme at home,
// northwind through the link), acme's admin's own invoice for the self routes, and exports of
// acme's admin dated two hours ago (so they do not count against the hourly export limit).

type Acting = 'home' | 'northwind';
const hex = () => randomBytes(4).toString('hex');
const today = () => new Date().toISOString().slice(0, 10);

async function invoiceOn(owner: postgres.Sql, subscriptionId: string): Promise<string> {
  const [i] = await owner`insert into invoices (tenant_id, subscription_id, user_id, status, number, currency, period_start, period_end, due_at, subtotal_minor, total_minor)
    select tenant_id, id, user_id, 'open', ${`MTX-2026-${hex()}`}, 'USD', now() - interval '1 day', now() + interval '29 days', now() + interval '13 days', 1000, 1000
    from subscriptions where id = ${subscriptionId} returning id`;
  await owner`insert into invoice_lines (tenant_id, invoice_id, position, kind, description, unit_minor, amount_minor, tax_rate_bps, tax_behavior, taxable_minor, tax_minor)
    select tenant_id, id, 0, 'charge', 'Matrix plan', 1000, 1000, 0, 'exclusive', 1000, 0 from invoices where id = ${i!.id}`;
  return i!.id as string;
}

/** An open invoice of a fresh subscriber in the acting tenant. */
export async function plantInvoice(owner: postgres.Sql, w: CanaryWorld, acting: Acting): Promise<string> {
  return invoiceOn(owner, await plantSubscription(owner, w, acting, 'signed'));
}

/** An open invoice of acme's admin (the self routes act on the caller's own). */
async function plantOwnInvoice(owner: postgres.Sql, w: CanaryWorld): Promise<string> {
  return invoiceOn(owner, await plantOwnSubscription(owner, w, 'signed'));
}

/** An export of acme's admin, over acme, in a state; ready ones have a file. */
export async function plantExport(owner: postgres.Sql, w: CanaryWorld, status: 'queued' | 'ready'): Promise<string> {
  const [e] = await owner`insert into export_jobs (tenant_id, user_id, kind, status, params, tenant_ids, scope, file_name, done_rows, size_bytes, created_at, expires_at)
    values (${w.acmeId}, ${w.acmeAdminId}, 'invoices', ${status}, '{}'::jsonb, ${owner.array([w.acmeId])}::uuid[], 'Matrix export', 'matrix.csv', 1, 12,
      now() - interval '2 hours', now() + interval '7 days') returning id`;
  if (status === 'ready') await owner`insert into export_chunks (tenant_id, export_id, seq, data) values (${w.acmeId}, ${e!.id}, 0, ${Buffer.from('invoice_number\n')})`;
  return e!.id as string;
}

const invoiceIdOf = (t: Target) => t.path.split('/')[4]!;
const invoiceIs = (status: string, paid = 0) => async (owner: postgres.Sql, t: Target) => {
  const rows = await owner`select status, amount_paid_minor::int as paid from invoices where id = ${invoiceIdOf(t)}`;
  expect(rows.map((r) => [r.status, r.paid])).toEqual([[status, paid]]);
};
const payment = () => ({ amountMinor: 100, currency: 'USD', method: 'cash', reference: `Matrix ${hex()}`, paidOn: today() });
const card = { cardNumber: '4242424242424242', expiry: '12/39', cvc: '123' };

export const billingRoutes: Record<string, RouteSpec> = {
  'GET /api/v1/invoices': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/invoices?status=open&limit=5' }) },
  'GET /api/v1/billing/summary': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/billing/summary?from_date=2026-01-01' }) },
  'GET /api/v1/invoices/[id]': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/invoices/${await plantInvoice(owner, w, acting)}` }),
    foreign: (w) => ({ path: `/api/v1/invoices/${w.foreignInvoiceId}` }),
    foreignCode: 'INVOICE_NOT_FOUND',
  },
  'POST /api/v1/invoices/[id]/payments': {
    kind: 'api',
    ok: 201,
    own: async (w, owner, acting) => ({ path: `/api/v1/invoices/${await plantInvoice(owner, w, acting)}/payments`, body: payment() }),
    foreign: (w) => ({ path: `/api/v1/invoices/${w.foreignInvoiceId}/payments`, body: payment() }),
    foreignCode: 'INVOICE_NOT_FOUND',
    intact: invoiceIs('open'),
  },
  'POST /api/v1/invoices/[id]/void': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/invoices/${await plantInvoice(owner, w, acting)}/void`, body: { reason: 'Matrix void' } }),
    foreign: (w) => ({ path: `/api/v1/invoices/${w.foreignInvoiceId}/void`, body: { reason: 'Matrix void' } }),
    foreignCode: 'INVOICE_NOT_FOUND',
    intact: invoiceIs('open'),
  },
  'POST /api/v1/invoices/[id]/uncollectible': {
    kind: 'api',
    ok: 200,
    own: async (w, owner, acting) => ({ path: `/api/v1/invoices/${await plantInvoice(owner, w, acting)}/uncollectible`, body: { reason: 'Matrix' } }),
    foreign: (w) => ({ path: `/api/v1/invoices/${w.foreignInvoiceId}/uncollectible`, body: { reason: 'Matrix' } }),
    foreignCode: 'INVOICE_NOT_FOUND',
    intact: invoiceIs('open'),
  },
  // A text filter, so the hostile run is refused as input instead of starting another export.
  'POST /api/v1/invoices/export': { kind: 'api', ok: 202, own: async () => ({ path: '/api/v1/invoices/export', body: { search: 'matrix' } }) },
  'GET /api/v1/me/invoices': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/me/invoices' }) },
  'GET /api/v1/me/invoices/[id]': {
    kind: 'api',
    ok: 200,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/me/invoices/${await plantOwnInvoice(owner, w)}` }),
    foreign: (w) => ({ path: `/api/v1/me/invoices/${w.foreignInvoiceId}` }),
    foreignCode: 'INVOICE_NOT_FOUND',
  },
  'POST /api/v1/me/invoices/[id]/pay': {
    kind: 'api',
    ok: 200,
    viaLink: 403,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/me/invoices/${await plantOwnInvoice(owner, w)}/pay`, body: card }),
    foreign: (w) => ({ path: `/api/v1/me/invoices/${w.foreignInvoiceId}/pay`, body: card }),
    foreignCode: 'INVOICE_NOT_FOUND',
    intact: async (owner, t) => {
      const rows = await owner`select status from invoices where id = ${t.path.split('/')[5]!}`;
      expect(rows.map((r) => r.status)).toEqual(['open']);
    },
  },
  'GET /api/v1/partner/billing/summary': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/billing/summary?currency=USD' }) },
  'GET /api/v1/partner/billing/invoices': { kind: 'api', ok: 200, own: async () => ({ path: '/api/v1/partner/billing/invoices?status=overdue&limit=5' }) },
  'POST /api/v1/partner/billing/invoices/export': { kind: 'api', ok: 202, own: async () => ({ path: '/api/v1/partner/billing/invoices/export', body: { format: 'csv', search: 'matrix' } }) },
  'GET /api/v1/partner/billing/exports/[id]': {
    kind: 'api',
    ok: 200,
    own: async (w, owner) => ({ path: `/api/v1/partner/billing/exports/${await plantExport(owner, w, 'ready')}` }),
    foreign: (w) => ({ path: `/api/v1/partner/billing/exports/${w.foreignExportId}` }),
  },
  'GET /api/v1/exports': { kind: 'api', ok: 200, anyUser: true, own: async () => ({ path: '/api/v1/exports' }) },
  'GET /api/v1/exports/[id]': {
    kind: 'api',
    ok: 200,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/exports/${await plantExport(owner, w, 'ready')}` }),
    foreign: (w) => ({ path: `/api/v1/exports/${w.foreignExportId}` }),
  },
  'POST /api/v1/exports/[id]/cancel': {
    kind: 'api',
    ok: 200,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/exports/${await plantExport(owner, w, 'queued')}/cancel` }),
    foreign: (w) => ({ path: `/api/v1/exports/${w.foreignExportId}/cancel` }),
    intact: async (owner, t) => {
      const rows = await owner`select status from export_jobs where id = ${t.path.split('/')[4]!}`;
      expect(rows.map((r) => r.status)).toEqual(['queued']);
    },
  },
  'GET /api/v1/exports/[id]/download': {
    kind: 'api',
    ok: 200,
    anyUser: true,
    own: async (w, owner) => ({ path: `/api/v1/exports/${await plantExport(owner, w, 'ready')}/download` }),
    foreign: (w) => ({ path: `/api/v1/exports/${w.foreignExportId}/download` }),
  },
};

const acmeInvoice = (w: CanaryWorld, owner: postgres.Sql) => plantInvoice(owner, w, 'home');
const argInvoiceIs = (status: string) => async (owner: postgres.Sql, args: unknown[]) => {
  const rows = await owner`select status, amount_paid_minor::int as paid from invoices where id = ${(args[1] as { id: string }).id}`;
  expect(rows.map((r) => [r.status, r.paid])).toEqual([[status, 0]]);
};

export const billingActions: Record<string, ActionSpec> = {
  'app/(portal)/t/[tenant]/billing/actions.ts#recordPaymentAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/billing`,
    own: async (w, owner, slug) => [slug, { id: await acmeInvoice(w, owner), key: randomUUID(), ...payment() }],
    foreign: (w, slug) => [slug, { id: w.foreignInvoiceId, key: randomUUID(), ...payment() }],
    foreignCode: 'INVOICE_NOT_FOUND',
    malformed: (slug) => [slug, { id: 'x', key: randomUUID(), ...payment(), amountMinor: -1 }],
    intact: argInvoiceIs('open'),
  },
  'app/(portal)/t/[tenant]/billing/actions.ts#voidInvoiceAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/billing`,
    own: async (w, owner, slug) => [slug, { id: await acmeInvoice(w, owner), reason: 'Matrix void' }],
    foreign: (w, slug) => [slug, { id: w.foreignInvoiceId, reason: 'Matrix void' }],
    foreignCode: 'INVOICE_NOT_FOUND',
    malformed: (slug) => [slug, { id: 'x', reason: '' }],
    intact: argInvoiceIs('open'),
  },
  'app/(portal)/t/[tenant]/billing/actions.ts#markUncollectibleAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/billing`,
    own: async (w, owner, slug) => [slug, { id: await acmeInvoice(w, owner), reason: 'Matrix' }],
    foreign: (w, slug) => [slug, { id: w.foreignInvoiceId, reason: 'Matrix' }],
    foreignCode: 'INVOICE_NOT_FOUND',
    malformed: (slug) => [slug, { id: 'x' }],
    intact: argInvoiceIs('open'),
  },
  'app/(portal)/t/[tenant]/account/invoices/actions.ts#payMyInvoiceAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/account/invoices`,
    own: async (w, owner, slug) => [slug, { id: await plantOwnInvoice(owner, w), key: randomUUID(), ...card }],
    foreign: (w, slug) => [slug, { id: w.foreignInvoiceId, key: randomUUID(), ...card }],
    foreignCode: 'INVOICE_NOT_FOUND',
    malformed: (slug) => [slug, { id: 'x', key: randomUUID(), cardNumber: 'abc', expiry: '13/99', cvc: '1' }],
    intact: async (owner, args) => {
      const rows = await owner`select status from invoices where id = ${(args[1] as { id: string }).id}`;
      expect(rows.map((r) => r.status)).toEqual(['open']);
    },
  },
  'app/(portal)/t/[tenant]/settings/actions.ts#updateBillingSettingsAction': {
    kind: 'tenant',
    page: (slug) => `/t/${slug}/settings`,
    own: async (_w, _owner, slug) => [slug, { invoicePrefix: 'ACME', taxRateBps: 0, taxBehavior: 'exclusive', paymentTermsDays: 14, dunningWarningDays: 7, dunningSuspendDays: 14, dunningCancelDays: 30 }],
    malformed: (slug) => [slug, { invoicePrefix: 'a', taxRateBps: -1, taxBehavior: 'sometimes', paymentTermsDays: 14, dunningWarningDays: 20, dunningSuspendDays: 14, dunningCancelDays: 30 }],
  },
};

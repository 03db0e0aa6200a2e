import 'server-only';
import { and, asc, desc, eq, ilike, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type z } from 'zod';
import { tenants, tenantSettings, ticketComments, ticketCounters, ticketEvents, tickets, users } from '@/db/schema';
import type { TicketStatus } from '@/lib/config/enums';
import { canMoveTicket, categoriesOf, DEFAULT_AUTO_CLOSE_HOURS, OUTAGE_CATEGORY, requesterStatus } from '@/lib/config/tickets';
import { AppError, notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import { statusBadges } from '@/lib/config/status';
import type { RequestContext } from '@/lib/tenancy/context';
import type { SortedPage } from '@/lib/validation/common';
import {
  commentSchema,
  createMyTicketSchema,
  createTicketSchema,
  listTicketsSchema,
  updateTicketSchema,
  type CreateTicketInput,
  type ListTicketsInput,
  ticketSettingsSchema,
  type MyTicketDto,
  type TicketSettings,
  type TicketCommentDto,
  type TicketDto,
} from '@/lib/validation/tickets';
import { auditLinkRead, recordAudit, recordSystemAudit } from './audit';
import { assertFeatureIn, withTenantFeature } from './features';
import { queueMail } from './internal/notify';
import { syncTicketSla } from './alerts';
import { slaSettingsOf, syncSla, timersFor, type Timers } from './internal/sla';
import { containsPattern, keyset, keysetPage, type SortColumn } from './list';
import { withHomeTenant, withTenant, type Tx } from './tx';
import { emitEvent } from './internal/webhook-events';

// Tickets (feature "tickets"): the status flow of lib/config/tickets.ts, assignees (staff of the
// tenant, or partner staff acting through a link), comments public or internal, and the
// requester's own view on My account, which never carries an internal comment.

const partners = alias(tenants, 'partner');

/** Tickets with their requester and, when a partner opened it, the partner's name. */
function ticketsQuery(tx: Tx, tenantId: string, where: (SQL | undefined)[], sortKey: SQL<string> = sql<string>`''`) {
  return tx
    .select({ id: tickets.id, t: tickets, requesterName: users.name, partnerName: partners.name, sortKey })
    .from(tickets)
    .innerJoin(users, and(eq(users.tenantId, tickets.tenantId), eq(users.id, tickets.requesterId)))
    .leftJoin(partners, eq(partners.id, tickets.createdByPartnerId))
    .where(and(eq(tickets.tenantId, tenantId), ...where));
}

type Row = Awaited<ReturnType<typeof ticketsQuery>>[number];
const iso = (d: Date | null) => d?.toISOString() ?? null;

// SLA timers: lib/data/internal/sla.ts (the tenant's targets, its links' terms, the business
// calendar, pauses); the stored copy on each ticket is refreshed after every change below.

/** One status change in the ticket's history (the SLA clocks read their pauses from it). */
/** Every status a ticket takes (its creation included) goes through here: the history row and the webhook event. */
async function recordStatus(tx: Tx, tenantId: string, ticketId: string, from: TicketStatus | null, to: TicketStatus, actorLabel: string): Promise<void> {
  await tx.insert(ticketEvents).values({ tenantId, ticketId, fromStatus: from, toStatus: to, actorLabel });
  const [t] = await tx
    .select({ number: tickets.number, priority: tickets.priority, category: tickets.category, partner: tickets.createdByPartnerId, createdAt: tickets.createdAt })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)));
  if (!t) return;
  if (from === null) {
    await emitEvent(tx, tenantId, 'ticket.created', {
      ticket_id: ticketId,
      ticket_number: t.number,
      status: to,
      priority: t.priority,
      category: t.category,
      created_by_partner: t.partner !== null,
      created_by_partner_id: t.partner,
      created_at: t.createdAt.toISOString(),
    });
  } else {
    await emitEvent(tx, tenantId, 'ticket.status_changed', { ticket_id: ticketId, ticket_number: t.number, from, to, priority: t.priority });
  }
}

const toDto = ({ t, requesterName, partnerName }: Row, sla: Timers): TicketDto => ({
  id: t.id,
  number: t.number,
  subject: t.subject,
  description: t.description,
  priority: t.priority,
  category: t.category,
  status: t.status,
  requester: { id: t.requesterId, name: requesterName },
  assignee: t.assigneeId ? { id: t.assigneeId, name: t.assigneeLabel ?? '', tenantId: t.assigneeTenantId! } : null,
  createdByPartner: t.createdByPartnerId ? { id: t.createdByPartnerId, name: partnerName ?? '' } : null,
  followUpOf: t.followUpOfId,
  outage: t.category === OUTAGE_CATEGORY ? { start: iso(t.outageStart), end: iso(t.outageEnd) } : null,
  firstResponseAt: iso(t.firstResponseAt),
  resolvedAt: iso(t.resolvedAt),
  closedAt: iso(t.closedAt),
  sla,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

/** The columns the tickets list sorts on (server-side, keyset-paged both ways). */
const sortable: Record<string, SortColumn> = {
  createdAt: { column: tickets.createdAt, key: sql`${tickets.createdAt}::text`, type: 'timestamptz' },
  number: { column: tickets.number, key: sql`${tickets.number}`, type: 'text' },
};

/** The list query itself, exported so a test can EXPLAIN exactly what runs. */
export function ticketsListQuery(tx: Tx, tenantId: string, input: z.output<typeof listTicketsSchema>) {
  const ks = keyset(sortable, tickets.id, input.sort, input.cursor);
  const { search, status, priority } = input;
  return ticketsQuery(
    tx,
    tenantId,
    [
      search ? or(ilike(tickets.subject, containsPattern(search)), ilike(tickets.number, containsPattern(search))) : undefined,
      status ? eq(tickets.status, status) : undefined,
      priority ? eq(tickets.priority, priority) : undefined,
      ks.where,
    ],
    ks.sortKey,
  )
    .orderBy(...ks.orderBy)
    .limit(input.limit + 1);
}

async function ticketsPage(tx: Tx, tenantId: string, input: z.output<typeof listTicketsSchema>): Promise<SortedPage<TicketDto>> {
  const rows = await ticketsListQuery(tx, tenantId, input);
  const timers = await timersFor(
    tx,
    tenantId,
    rows.map((r) => r.t),
  );
  return keysetPage(rows, input.limit, keyset(sortable, tickets.id, input.sort, input.cursor), (r) => toDto(r, timers.get(r.t.id)!), () => ticketsPage(tx, tenantId, { ...input, cursor: undefined }));
}

export async function listTickets(ctx: RequestContext, input: ListTicketsInput): Promise<SortedPage<TicketDto>> {
  const parsed = listTicketsSchema.parse(input);
  return withTenantFeature(ctx, { permission: 'tickets.read', feature: 'tickets' }, async (tx) => {
    const page = await ticketsPage(tx, ctx.activeTenant.id, parsed);
    await auditLinkRead(tx, ctx, { action: 'tickets.list', resourceType: 'ticket', details: { count: page.items.length } });
    return page;
  });
}

/** One ticket of the active tenant, read inside the caller's transaction (no audit of its own). */
async function readTicket(tx: Tx, tenantId: string, id: string): Promise<TicketDto> {
  const [row] = await ticketsQuery(tx, tenantId, [eq(tickets.id, id)]);
  if (!row) throw notFound('Ticket');
  return toDto(row, (await timersFor(tx, tenantId, [row.t])).get(id)!);
}

export async function getTicketOrThrow(ctx: RequestContext, { id }: { id: string }): Promise<TicketDto> {
  return withTenantFeature(ctx, { permission: 'tickets.read', feature: 'tickets' }, async (tx) => {
    const ticket = await readTicket(tx, ctx.activeTenant.id, id);
    await auditLinkRead(tx, ctx, { action: 'tickets.read', resourceType: 'ticket', resourceId: id });
    return ticket;
  });
}

/** The next TKT-YYYY-NNNNN of the tenant (one upsert of its yearly counter). */
async function nextNumber(tx: Tx, tenantId: string): Promise<string> {
  const year = new Date().getUTCFullYear();
  const [counter] = await tx
    .insert(ticketCounters)
    .values({ tenantId, year, last: 1 })
    .onConflictDoUpdate({ target: [ticketCounters.tenantId, ticketCounters.year], set: { last: sql`${ticketCounters.last} + 1` } })
    .returning({ last: ticketCounters.last });
  return `TKT-${year}-${String(counter!.last).padStart(5, '0')}`;
}

/** The name staff are shown with in a thread or as assignee: partner staff carry their partner. */
const staffLabel = (ctx: RequestContext) => (ctx.via === 'link' ? `${ctx.user.name} via ${ctx.homeTenant.name}` : ctx.user.name);

/**
 * Opens a ticket (status `new`), in one transaction. Partner staff open tickets on behalf of the
 * managed tenant: they are not its users, so the requester is the tenant's first admin, and the
 * ticket stores the partner ("Created by Acme Managed Services").
 */
export async function createTicket(ctx: RequestContext, input: CreateTicketInput): Promise<TicketDto> {
  const data = createTicketSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenantFeature(ctx, { permission: 'tickets.create', feature: 'tickets' }, async (tx) => {
    await assertCategory(tx, tenantId, data.category);
    const number = await nextNumber(tx, tenantId);
    const requesterId = data.requesterId ? await requesterOf(tx, tenantId, data.requesterId) : ctx.via === 'home' ? ctx.user.id : await firstAdmin(tx, tenantId);
    const outage = data.category === OUTAGE_CATEGORY ? { outageStart: data.outageStart ? new Date(data.outageStart) : sql`now()`, outageEnd: data.outageEnd ? new Date(data.outageEnd) : null } : {};
    const [ticket] = await tx
      .insert(tickets)
      .values({
        tenantId,
        number,
        subject: data.subject,
        description: data.description,
        priority: data.priority,
        category: data.category || null,
        status: 'new',
        requesterId,
        createdByPartnerId: ctx.via === 'link' ? ctx.homeTenant.id : null,
        ...outage,
      })
      .returning({ id: tickets.id });
    await recordStatus(tx, tenantId, ticket!.id, null, 'new', staffLabel(ctx));
    await syncTicketSla(tx, tenantId, [ticket!.id]);
    await recordAudit(tx, ctx, { action: 'ticket.create', resourceType: 'ticket', resourceId: ticket!.id, details: { number, priority: data.priority, category: data.category ?? null } });
    return readTicket(tx, tenantId, ticket!.id);
  });
}

/** The categories a new ticket of the active tenant may carry (staff opening tickets there). */
export async function listTicketCategories(ctx: RequestContext): Promise<string[]> {
  return withTenantFeature(ctx, { permission: 'tickets.create', feature: 'tickets' }, (tx) => categoriesIn(tx, ctx.activeTenant.id));
}

/** The tenant's categories (its list, and network_outage). */
async function categoriesIn(tx: Tx, tenantId: string): Promise<string[]> {
  const [row] = await tx.select({ list: tenantSettings.ticketCategories }).from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId));
  return categoriesOf(Array.isArray(row?.list) ? row.list : null);
}

/** A category the tenant does not have is a field error naming the ones it has. */
async function assertCategory(tx: Tx, tenantId: string, category: string | undefined): Promise<void> {
  if (!category) return;
  const known = await categoriesIn(tx, tenantId);
  if (!known.includes(category)) throw fieldError('category', `Not a category here. Choose one of: ${known.join(', ')}.`);
}

/** A requester named by id: a user of the tenant, or a field error (another tenant's user is simply not one). */
async function requesterOf(tx: Tx, tenantId: string, id: string): Promise<string> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  if (!row) throw new AppError('VALIDATION_ERROR', 'No such user in this tenant.', { fieldErrors: { requesterId: ['No such user in this tenant.'] } });
  return row.id;
}

async function firstAdmin(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx.execute<{ id: string }>(sql`
    select u.id from users u join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
    join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
    where u.tenant_id = ${tenantId} and r.key = 'admin' order by u.created_at limit 1`);
  if (!row) throw notFound('Tenant admin');
  return row.id;
}

const conflict = (message: string) => new AppError('CONFLICT', message);
/** A status in words ("on hold"), as its badge names it. */
const statusText = (s: TicketStatus) => statusBadges[s]!.text.toLowerCase();
const fieldError = (field: string, message: string) => new AppError('VALIDATION_ERROR', message, { fieldErrors: { [field]: [message] } });

/** Locks one ticket of the tenant for a change; another tenant's id is 404. */
async function forChange(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)))
    .for('update');
  if (!row) throw notFound('Ticket');
  return row;
}

/** The timestamps a move sets: resolving stamps resolved_at, reopening clears it, closing stamps closed_at. */
const statusStamps = (to: TicketStatus) => ({
  status: to,
  ...(to === 'resolved' ? { resolvedAt: sql`now()` } : to === 'closed' ? { closedAt: sql`now()` } : { resolvedAt: null }),
});

/**
 * Staff change a ticket: status (along the flow; 409 otherwise), priority, assignee, the outage's
 * times. The assignee is a staff member of the tenant, or the caller (partner staff through a
 * link assign themselves); assigning a `new` ticket opens it. A closed ticket changes no more.
 */
export async function updateTicket(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof updateTicketSchema>): Promise<TicketDto> {
  const data = updateTicketSchema.parse(input);
  return withTenantFeature(ctx, { permission: 'tickets.update', feature: 'tickets' }, (tx) => applyUpdate(tx, ctx, id, data));
}

async function applyUpdate(tx: Tx, ctx: RequestContext, id: string, data: z.output<typeof updateTicketSchema>): Promise<TicketDto> {
  const tenantId = ctx.activeTenant.id;
  const before = await forChange(tx, tenantId, id);
  if (before.status === 'closed') throw conflict(`${before.number} is closed; it changes no more.`);
  const set: Partial<typeof tickets.$inferInsert> & Record<string, unknown> = {};
  if (data.assigneeId !== undefined) {
    if (data.assigneeId === null) Object.assign(set, { assigneeId: null, assigneeTenantId: null, assigneeLabel: null });
    else if (data.assigneeId === ctx.user.id) Object.assign(set, { assigneeId: ctx.user.id, assigneeTenantId: ctx.homeTenant.id, assigneeLabel: staffLabel(ctx) });
    else {
      const [staff] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, data.assigneeId), eq(users.type, 'admin'), eq(users.status, 'active')));
      if (!staff) throw fieldError('assigneeId', `Not a staff member of ${ctx.activeTenant.name}.`);
      Object.assign(set, { assigneeId: staff.id, assigneeTenantId: tenantId, assigneeLabel: staff.name });
    }
  }
  let to = data.status;
  if (!to && before.status === 'new' && set.assigneeId) to = 'open';
  if (to && to !== before.status) {
    if (!canMoveTicket(before.status, to)) {
      const from = statusText(before.status);
      throw conflict(`${/^[aeiou]/.test(from) ? 'An' : 'A'} ${from} ticket cannot become ${statusText(to)}.`);
    }
    Object.assign(set, statusStamps(to));
  }
  if (data.priority) set.priority = data.priority;
  if (data.outageStart !== undefined || data.outageEnd !== undefined) {
    if (before.category !== OUTAGE_CATEGORY) throw fieldError('outageStart', `Only a ${OUTAGE_CATEGORY} ticket has an outage.`);
    const start = data.outageStart !== undefined ? (data.outageStart ? new Date(data.outageStart) : null) : before.outageStart;
    const end = data.outageEnd !== undefined ? (data.outageEnd ? new Date(data.outageEnd) : null) : before.outageEnd;
    if (!start) throw fieldError('outageStart', 'An outage has a start.');
    if (end && end < start) throw fieldError('outageEnd', 'The outage ends after it starts.');
    Object.assign(set, { outageStart: start, outageEnd: end });
  }
  if (Object.keys(set).length > 0) await tx.update(tickets).set({ ...set, updatedAt: sql`now()` }).where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
  if (set.status) await recordStatus(tx, tenantId, id, before.status, set.status as TicketStatus, staffLabel(ctx));
  if (set.status || set.priority) await syncTicketSla(tx, tenantId, [id]);
  const after = await readTicket(tx, tenantId, id);
  await recordAudit(tx, ctx, {
    action: 'ticket.update',
    resourceType: 'ticket',
    resourceId: id,
    details: { status: [before.status, after.status], priority: [before.priority, after.priority], assignee: [before.assigneeLabel, after.assignee?.name ?? null] },
  });
  return after;
}


function toCommentDto(c: typeof ticketComments.$inferSelect): TicketCommentDto {
  return { id: c.id, body: c.body, internal: c.internal, author: c.authorLabel, fromRequester: c.fromRequester, createdAt: c.createdAt.toISOString() };
}

/** The whole thread, internal notes included, for staff (tickets.read). */
export async function listTicketComments(ctx: RequestContext, { id }: { id: string }): Promise<TicketCommentDto[]> {
  return withTenantFeature(ctx, { permission: 'tickets.read', feature: 'tickets' }, async (tx) => {
    await readTicket(tx, ctx.activeTenant.id, id);
    const rows = await tx
      .select()
      .from(ticketComments)
      .where(and(eq(ticketComments.tenantId, ctx.activeTenant.id), eq(ticketComments.ticketId, id)))
      .orderBy(asc(ticketComments.createdAt), asc(ticketComments.id));
    await auditLinkRead(tx, ctx, { action: 'tickets.comments.read', resourceType: 'ticket', resourceId: id });
    return rows.map(toCommentDto);
  });
}

/**
 * Staff reply (public: mailed to the requester; the first one is the first response, and it
 * opens a `new` ticket) or write an internal note (never shown, mailed or exported to the
 * requester). A closed ticket takes no comment.
 */
export async function addTicketComment(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof commentSchema>): Promise<TicketCommentDto> {
  const comment = commentSchema.parse(input);
  return withTenantFeature(ctx, { permission: 'tickets.comment', feature: 'tickets' }, (tx) => applyComment(tx, ctx, id, comment));
}

async function applyComment(tx: Tx, ctx: RequestContext, id: string, { body, internal, notify = true }: z.output<typeof commentSchema> & { notify?: boolean }): Promise<TicketCommentDto> {
  const tenantId = ctx.activeTenant.id;
  const ticket = await forChange(tx, tenantId, id);
  if (ticket.status === 'closed') throw conflict(`${ticket.number} is closed; it takes no more comments.`);
  const [comment] = await tx
    .insert(ticketComments)
    .values({ tenantId, ticketId: id, authorId: ctx.user.id, authorTenantId: ctx.homeTenant.id, authorLabel: staffLabel(ctx), fromRequester: false, body, internal })
    .returning();
  if (!internal) {
    // Internal notes never leave the tenant's and partners' staff: no event for them.
    await emitEvent(tx, tenantId, 'ticket.commented', { ticket_id: id, ticket_number: ticket.number, comment_id: comment!.id, from_requester: false });
    await tx
      .update(tickets)
      .set({ firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, now())`, ...(ticket.status === 'new' ? { status: 'open' as const } : {}), updatedAt: sql`now()` })
      .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
    if (ticket.status === 'new') await recordStatus(tx, tenantId, id, 'new', 'open', staffLabel(ctx));
    if (!ticket.firstResponseAt || ticket.status === 'new') await syncTicketSla(tx, tenantId, [id]);
    // The requester hears of a public reply unless the partner API's notify_customer says not to.
    const [requester] = notify ? await tx.select({ email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, ticket.requesterId))) : [];
    if (requester) {
      await queueMail(tx, {
        tenantId,
        to: requester.email,
        subject: `${ctx.activeTenant.name}: a reply on ${ticket.number}`,
        body: `${staffLabel(ctx)} replied on ${ticket.number} (${ticket.subject}):\n\n${body}\n\nReply from My account, Tickets.`,
      });
    }
  } else {
    await tx.update(tickets).set({ updatedAt: sql`now()` }).where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
  }
  await recordAudit(tx, ctx, { action: internal ? 'ticket.note' : 'ticket.reply', resourceType: 'ticket', resourceId: id, details: { number: ticket.number } });
  return toCommentDto(comment!);
}

/**
 * A change and a comment in one transaction (the partner support API's PATCH, contract 9): the
 * comment first (a closed ticket takes none), then the change; either fails, neither stays. Each
 * needs its own permission: tickets.update for a change, tickets.comment for a comment.
 */
export async function updateTicketWithComment(
  ctx: RequestContext,
  { id, comment, ...input }: { id: string; comment?: z.input<typeof commentSchema> & { notify?: boolean } } & Partial<z.input<typeof updateTicketSchema>>,
): Promise<{ ticket: TicketDto; commentId: string | null }> {
  const change = Object.values(input).some((v) => v !== undefined) ? updateTicketSchema.parse(input) : null;
  const note = comment ? { ...commentSchema.parse(comment), notify: comment.notify ?? true } : null;
  if (!change && !note) throw new AppError('VALIDATION_ERROR', 'Nothing to change: give a status, priority, assignee or a comment.', { fieldErrors: { body: ['Nothing to change.'] } });
  if (change) assertCan(ctx, 'tickets.update');
  if (note) assertCan(ctx, 'tickets.comment');
  return withTenantFeature(ctx, { permission: 'tickets.read', feature: 'tickets' }, async (tx) => {
    const added = note ? await applyComment(tx, ctx, id, note) : null;
    const ticket = change ? await applyUpdate(tx, ctx, id, change) : await readTicket(tx, ctx.activeTenant.id, id);
    return { ticket, commentId: added?.id ?? null };
  });
}

// ---------------------------------------------------------------------------------------------
// The requester's own tickets (tickets.self, at home): public comments only, statuses as an end
// user reads them (new and on hold are "open").

function toMyDto(row: Row, comments: TicketCommentDto[]): MyTicketDto {
  const { t } = row;
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    description: t.description,
    category: t.category,
    status: requesterStatus(t.status),
    followUpOf: t.followUpOfId,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    comments,
  };
}

const mine = (ctx: RequestContext) => eq(tickets.requesterId, ctx.user.id);

/** A requester's transaction: at home whatever tenant the request acts in; the permission first, the feature in the same transaction. */
function asRequester<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  assertCan(ctx, 'tickets.self');
  return withHomeTenant(ctx, async (tx) => {
    await assertFeatureIn(tx, { ...ctx, activeTenant: ctx.homeTenant }, 'tickets');
    return fn(tx);
  });
}

/** The caller's tickets, newest first (at most 100; a person's own tickets are few). */
export async function listMyTickets(ctx: RequestContext): Promise<MyTicketDto[]> {
  return asRequester(ctx, async (tx) => {
    const rows = await ticketsQuery(tx, ctx.homeTenant.id, [mine(ctx)])
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(100);
    return rows.map((r) => toMyDto(r, []));
  });
}

async function readMine(tx: Tx, ctx: RequestContext, id: string): Promise<MyTicketDto> {
  const [row] = await ticketsQuery(tx, ctx.homeTenant.id, [eq(tickets.id, id), mine(ctx)]);
  if (!row) throw notFound('Ticket');
  const comments = await tx
    .select()
    .from(ticketComments)
    // Internal notes never leave staff: filtered here, in the only query that reads a thread for a requester.
    .where(and(eq(ticketComments.tenantId, ctx.homeTenant.id), eq(ticketComments.ticketId, id), eq(ticketComments.internal, false)))
    .orderBy(asc(ticketComments.createdAt), asc(ticketComments.id));
  return toMyDto(row, comments.map(toCommentDto));
}

/** One of the caller's tickets with its public thread; anyone else's is 404. */
export async function getMyTicket(ctx: RequestContext, { id }: { id: string }): Promise<MyTicketDto> {
  return asRequester(ctx, (tx) => readMine(tx, ctx, id));
}

/** The caller opens a ticket in their home tenant (status new, priority normal; staff triage). */
export async function createMyTicket(ctx: RequestContext, input: z.input<typeof createMyTicketSchema>): Promise<MyTicketDto> {
  const data = createMyTicketSchema.parse(input);
  return asRequester(ctx, async (tx) => {
    await assertCategory(tx, ctx.homeTenant.id, data.category || undefined);
    const id = await insertMine(tx, ctx, { subject: data.subject, description: data.description, category: data.category || null });
    await recordAudit(tx, ctx, { action: 'ticket.create', resourceType: 'ticket', resourceId: id, details: { self: true } });
    return readMine(tx, ctx, id);
  });
}

async function insertMine(tx: Tx, ctx: RequestContext, t: { subject: string; description: string; category: string | null; followUpOfId?: string }): Promise<string> {
  const tenantId = ctx.homeTenant.id;
  const number = await nextNumber(tx, tenantId);
  const [row] = await tx
    .insert(tickets)
    .values({ tenantId, number, subject: t.subject, description: t.description, category: t.category, status: 'new', priority: 'normal', requesterId: ctx.user.id, followUpOfId: t.followUpOfId ?? null })
    .returning({ id: tickets.id });
  await recordStatus(tx, tenantId, row!.id, null, 'new', ctx.user.name);
  await syncTicketSla(tx, tenantId, [row!.id]);
  return row!.id;
}

/**
 * The requester replies. On a pending, on-hold or resolved ticket the reply reopens it; on a
 * closed one it opens a follow-up ticket linked to it (and answers with the follow-up).
 */
export async function replyToMyTicket(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof commentSchema>): Promise<MyTicketDto> {
  const { body } = commentSchema.parse({ ...input, internal: false });
  const tenantId = ctx.homeTenant.id;
  return asRequester(ctx, async (tx) => {
    const [ticket] = await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id), mine(ctx)))
      .for('update');
    if (!ticket) throw notFound('Ticket');
    let target = ticket.id;
    if (ticket.status === 'closed') {
      target = await insertMine(tx, ctx, { subject: `Follow-up to ${ticket.number}: ${ticket.subject}`.slice(0, 200), description: body, category: ticket.category, followUpOfId: ticket.id });
      await recordAudit(tx, ctx, { action: 'ticket.follow_up', resourceType: 'ticket', resourceId: target, details: { followUpOf: ticket.number } });
      return readMine(tx, ctx, target);
    }
    const [reply] = await tx
      .insert(ticketComments)
      .values({ tenantId, ticketId: id, authorId: ctx.user.id, authorTenantId: tenantId, authorLabel: ctx.user.name, fromRequester: true, body, internal: false })
      .returning({ id: ticketComments.id });
    await emitEvent(tx, tenantId, 'ticket.commented', { ticket_id: id, ticket_number: ticket.number, comment_id: reply!.id, from_requester: true });
    const reopen = ticket.status === 'pending' || ticket.status === 'on_hold' || ticket.status === 'resolved';
    await tx
      .update(tickets)
      .set({ ...(reopen ? statusStamps('open') : {}), updatedAt: sql`now()` })
      .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
    if (reopen) {
      await recordStatus(tx, tenantId, id, ticket.status, 'open', ctx.user.name);
      await syncTicketSla(tx, tenantId, [id]);
    }
    await recordAudit(tx, ctx, { action: 'ticket.requester_reply', resourceType: 'ticket', resourceId: id, details: { reopened: reopen } });
    return readMine(tx, ctx, target);
  });
}

// ---------------------------------------------------------------------------------------------
// Job

/** Resolved tickets past the tenant's auto-close time close (safe to repeat: closed ones are not resolved). */
export async function runAutoClose(tx: Tx, tenant: { id: string }): Promise<number> {
  const [settings] = await tx.select({ hours: tenantSettings.ticketAutoCloseHours }).from(tenantSettings).where(eq(tenantSettings.tenantId, tenant.id));
  const hours = settings?.hours ?? DEFAULT_AUTO_CLOSE_HOURS;
  const closed = await tx
    .update(tickets)
    .set({ status: 'closed', closedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(tickets.tenantId, tenant.id), eq(tickets.status, 'resolved'), isNotNull(tickets.resolvedAt), sql`${tickets.resolvedAt} <= now() - make_interval(hours => ${hours})`))
    .returning({ id: tickets.id, number: tickets.number });
  for (const t of closed) {
    await recordStatus(tx, tenant.id, t.id, 'resolved', 'closed', 'system');
    await recordSystemAudit(tx, tenant.id, { action: 'ticket.auto_close', resourceType: 'ticket', resourceId: t.id, details: { number: t.number, hours } });
  }
  return closed.length;
}

// ---------------------------------------------------------------------------------------------
// Settings

/** The tenant's ticket settings (Settings, Tickets): auto-close hours, SLA targets, business hours. */
export async function getTicketSettings(ctx: RequestContext): Promise<TicketSettings> {
  assertCan(ctx, 'settings.read');
  return withTenant(ctx, async (tx) => {
    const [{ tenantPolicy, calendar, autoCloseHours }, categories] = await Promise.all([slaSettingsOf(tx, ctx.activeTenant.id), categoriesIn(tx, ctx.activeTenant.id)]);
    return { categories: categories.filter((c) => c !== OUTAGE_CATEGORY), autoCloseHours, slaPolicy: tenantPolicy, businessCalendar: calendar };
  });
}

/** Saves them (settings.write), audited with before and after; open tickets' timers follow at once. */
export async function updateTicketSettings(ctx: RequestContext, input: z.input<typeof ticketSettingsSchema>): Promise<TicketSettings> {
  assertCan(ctx, 'settings.write');
  const values = ticketSettingsSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [before] = await tx
      .select({ categories: tenantSettings.ticketCategories, autoCloseHours: tenantSettings.ticketAutoCloseHours, slaPolicy: tenantSettings.slaPolicy, businessCalendar: tenantSettings.businessCalendar })
      .from(tenantSettings)
      .where(eq(tenantSettings.tenantId, tenantId));
    // network_outage is built in: it is never stored in the list, and never removed.
    const categories = values.categories.filter((c) => c !== OUTAGE_CATEGORY);
    const set = { ticketCategories: categories, ticketAutoCloseHours: values.autoCloseHours, slaPolicy: values.slaPolicy, businessCalendar: values.businessCalendar };
    await tx
      .insert(tenantSettings)
      .values({ tenantId, ...set })
      .onConflictDoUpdate({ target: tenantSettings.tenantId, set: { ...set, updatedAt: sql`now()` } });
    // Open tickets' stored timers follow the new targets at once.
    await syncSla(tx, tenantId, 'open');
    await recordAudit(tx, ctx, { action: 'settings.tickets_updated', resourceType: 'tenant', resourceId: tenantId, details: { before: before ?? null, after: { ...values, categories } } });
    return { ...values, categories };
  });
}

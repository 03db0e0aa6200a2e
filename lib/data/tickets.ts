import 'server-only';
import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { type z } from 'zod';
import { ticketCounters, tickets, users } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { RequestContext } from '@/lib/tenancy/context';
import type { SortedPage } from '@/lib/validation/common';
import { createTicketSchema, listTicketsSchema, updateTicketSchema, type CreateTicketInput, type ListTicketsInput, type TicketDto } from '@/lib/validation/tickets';
import { auditLinkRead, recordAudit } from './audit';
import { withTenantFeature } from './features';
import { containsPattern, keyset, keysetPage, type SortColumn } from './list';
import type { Tx } from './tx';

// The Tickets workspace (feature "tickets"): list, open and move tickets through their status.
// Comments, assignees and SLA timers are not built yet (docs/api.md says so).

/** Tickets with their requester; `sortKey` is the list's keyset key (nothing for one ticket). */
function ticketsQuery(tx: Tx, tenantId: string, where: (SQL | undefined)[], sortKey: SQL<string> = sql<string>`''`) {
  return tx
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      description: tickets.description,
      priority: tickets.priority,
      category: tickets.category,
      status: tickets.status,
      requesterId: tickets.requesterId,
      requesterName: users.name,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      sortKey,
    })
    .from(tickets)
    .innerJoin(users, and(eq(users.tenantId, tickets.tenantId), eq(users.id, tickets.requesterId)))
    .where(and(eq(tickets.tenantId, tenantId), ...where));
}

type Row = Awaited<ReturnType<typeof ticketsQuery>>[number];
const toDto = ({ sortKey: _, requesterId, requesterName, createdAt, updatedAt, ...t }: Row): TicketDto => ({
  ...t,
  requester: { id: requesterId, name: requesterName },
  createdAt: createdAt.toISOString(),
  updatedAt: updatedAt.toISOString(),
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
  return ticketsQuery(tx, tenantId, [
    search ? or(ilike(tickets.subject, containsPattern(search)), ilike(tickets.number, containsPattern(search))) : undefined,
    status ? eq(tickets.status, status) : undefined,
    priority ? eq(tickets.priority, priority) : undefined,
    ks.where,
  ], ks.sortKey)
    .orderBy(...ks.orderBy)
    .limit(input.limit + 1);
}

async function ticketsPage(tx: Tx, tenantId: string, input: z.output<typeof listTicketsSchema>): Promise<SortedPage<TicketDto>> {
  const rows = await ticketsListQuery(tx, tenantId, input);
  return keysetPage(rows, input.limit, keyset(sortable, tickets.id, input.sort, input.cursor), toDto, () => ticketsPage(tx, tenantId, { ...input, cursor: undefined }));
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
  return toDto(row);
}

export async function getTicketOrThrow(ctx: RequestContext, { id }: { id: string }): Promise<TicketDto> {
  return withTenantFeature(ctx, { permission: 'tickets.read', feature: 'tickets' }, async (tx) => {
    const ticket = await readTicket(tx, ctx.activeTenant.id, id);
    await auditLinkRead(tx, ctx, { action: 'tickets.read', resourceType: 'ticket', resourceId: id });
    return ticket;
  });
}

/** Opens a ticket numbered TKT-YYYY-NNNNN (one upsert of the tenant's yearly counter), in one transaction. */
export async function createTicket(ctx: RequestContext, input: CreateTicketInput): Promise<TicketDto> {
  const data = createTicketSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenantFeature(ctx, { permission: 'tickets.create', feature: 'tickets' }, async (tx) => {
    const year = new Date().getUTCFullYear();
    const [counter] = await tx
      .insert(ticketCounters)
      .values({ tenantId, year, last: 1 })
      .onConflictDoUpdate({ target: [ticketCounters.tenantId, ticketCounters.year], set: { last: sql`${ticketCounters.last} + 1` } })
      .returning({ last: ticketCounters.last });
    const number = `TKT-${year}-${String(counter!.last).padStart(5, '0')}`;
    // Partner staff open tickets on behalf of the managed tenant. They are not its users, so the
    // requester is the tenant's first admin, and the audit event names the partner's staff member.
    const requesterId = ctx.via === 'home' ? ctx.user.id : await firstAdmin(tx, tenantId);
    const [ticket] = await tx
      .insert(tickets)
      .values({ tenantId, number, subject: data.subject, description: data.description, priority: data.priority, category: data.category || null, requesterId })
      .returning({ id: tickets.id });
    await recordAudit(tx, ctx, { action: 'ticket.create', resourceType: 'ticket', resourceId: ticket!.id, details: { number, priority: data.priority } });
    return readTicket(tx, tenantId, ticket!.id);
  });
}

async function firstAdmin(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx.execute<{ id: string }>(sql`
    select u.id from users u join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
    join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
    where u.tenant_id = ${tenantId} and r.key = 'admin' order by u.created_at limit 1`);
  if (!row) throw notFound('Tenant admin');
  return row.id;
}

export async function updateTicketStatus(ctx: RequestContext, { id, ...input }: { id: string } & z.input<typeof updateTicketSchema>): Promise<TicketDto> {
  const { status } = updateTicketSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  return withTenantFeature(ctx, { permission: 'tickets.update', feature: 'tickets' }, async (tx) => {
    const [before] = await tx.select({ status: tickets.status }).from(tickets).where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id))).for('update');
    if (!before) throw notFound('Ticket');
    await tx.update(tickets).set({ status, updatedAt: sql`now()` }).where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
    await recordAudit(tx, ctx, { action: 'ticket.status', resourceType: 'ticket', resourceId: id, details: { before: before.status, after: status } });
    return readTicket(tx, tenantId, id);
  });
}

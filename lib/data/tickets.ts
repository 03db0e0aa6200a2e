import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ticketCounters, tickets, users } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { decodeCursor, encodeCursor, type Page } from '@/lib/validation/common';
import { createTicketSchema, listTicketsSchema, updateTicketSchema, type CreateTicketInput, type ListTicketsInput, type TicketDto } from '@/lib/validation/tickets';
import { auditLinkRead, recordAudit } from './audit';
import { assertFeature } from './features';
import { withTenant, type Tx } from './tx';

// The Tickets workspace (feature "tickets"): list, open and move tickets through their status.
// Comments, assignees and SLA timers are not built yet (docs/api.md says so).

const cursorShape = z.object({ c: z.string().max(40), i: z.uuid() });

function ticketsQuery(tx: Tx, tenantId: string, where: (SQL | undefined)[]) {
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
      key: sql<string>`${tickets.createdAt}::text`,
    })
    .from(tickets)
    .innerJoin(users, and(eq(users.tenantId, tickets.tenantId), eq(users.id, tickets.requesterId)))
    .where(and(eq(tickets.tenantId, tenantId), ...where));
}

type Row = Awaited<ReturnType<typeof ticketsQuery>>[number];
const toDto = ({ key: _, requesterId, requesterName, createdAt, updatedAt, ...t }: Row): TicketDto => ({
  ...t,
  requester: { id: requesterId, name: requesterName },
  createdAt: createdAt.toISOString(),
  updatedAt: updatedAt.toISOString(),
});

export async function listTickets(ctx: RequestContext, input: ListTicketsInput): Promise<Page<TicketDto>> {
  await assertFeature(ctx, 'tickets');
  assertCan(ctx, 'tickets.read');
  const { status, priority, cursor, limit } = listTicketsSchema.parse(input);
  const after = decodeCursor(cursor, cursorShape);
  return withTenant(ctx, async (tx) => {
    const rows = await ticketsQuery(tx, ctx.activeTenant.id, [
      status ? eq(tickets.status, status) : undefined,
      priority ? eq(tickets.priority, priority) : undefined,
      after ? sql`(${tickets.createdAt}, ${tickets.id}) < (${after.c}::timestamptz, ${after.i}::uuid)` : undefined,
    ])
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    await auditLinkRead(tx, ctx, { action: 'tickets.list', resourceType: 'ticket', details: { count: page.length } });
    return { items: page.map(toDto), nextCursor: rows.length > limit && last ? encodeCursor({ c: last.key, i: last.id }) : null };
  });
}

export async function getTicketOrThrow(ctx: RequestContext, id: string): Promise<TicketDto> {
  await assertFeature(ctx, 'tickets');
  assertCan(ctx, 'tickets.read');
  return withTenant(ctx, async (tx) => {
    const [row] = await ticketsQuery(tx, ctx.activeTenant.id, [eq(tickets.id, id)]);
    if (!row) throw notFound('Ticket');
    await auditLinkRead(tx, ctx, { action: 'tickets.read', resourceType: 'ticket', resourceId: id });
    return toDto(row);
  });
}

/** Opens a ticket numbered TKT-YYYY-NNNNN (one upsert of the tenant's yearly counter). */
export async function createTicket(ctx: RequestContext, input: CreateTicketInput): Promise<TicketDto> {
  await assertFeature(ctx, 'tickets');
  assertCan(ctx, 'tickets.create');
  const data = createTicketSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  const id = await withTenant(ctx, async (tx) => {
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
    return ticket!.id;
  });
  return getTicketOrThrow(ctx, id);
}

async function firstAdmin(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx.execute<{ id: string }>(sql`
    select u.id from users u join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
    join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
    where u.tenant_id = ${tenantId} and r.key = 'admin' order by u.created_at limit 1`);
  if (!row) throw notFound('Tenant admin');
  return row.id;
}

export async function updateTicketStatus(ctx: RequestContext, id: string, input: z.input<typeof updateTicketSchema>): Promise<TicketDto> {
  await assertFeature(ctx, 'tickets');
  assertCan(ctx, 'tickets.update');
  const { status } = updateTicketSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  await withTenant(ctx, async (tx) => {
    const [before] = await tx.select({ status: tickets.status }).from(tickets).where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id))).for('update');
    if (!before) throw notFound('Ticket');
    await tx.update(tickets).set({ status, updatedAt: sql`now()` }).where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
    await recordAudit(tx, ctx, { action: 'ticket.status', resourceType: 'ticket', resourceId: id, details: { before: before.status, after: status } });
  });
  return getTicketOrThrow(ctx, id);
}

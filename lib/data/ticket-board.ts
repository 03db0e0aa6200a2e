import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { ticketStatuses, type TicketPriority, type TicketStatus } from '@/lib/config/enums';
import type { TimerState } from '@/lib/config/sla';
import { forbidden } from '@/lib/errors';
import { can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { boardFiltersSchema, type BoardAggregates, type BoardFilters, type BoardTicketDto } from '@/lib/validation/board';
import type { Page } from '@/lib/validation/common';
import { z } from '@/lib/validation/zod';
import { consolidatedRead, ref, type Area, type Readable, type TenantRef } from './consolidated';
import { featureOnSql } from './features';
import { containsPattern, readCursor, toPage } from './list';
import type { Tx } from './tx';

// The multi-tenant ticket board (All tenants > Tickets, and the partner support API): every
// ticket of the caller's home tenant (when their roles there read tickets) and of each managed
// tenant whose live link grants tickets.read, where the tickets feature is on. Three statements:
// the tenants, the page, and the counts for the whole filter with the audit of the links read.
// SLA filters and chips read the timers stored on each ticket (the breach scan refreshes them
// every minute; every change of a ticket at once).

const area: Area = { permission: 'tickets.read', noun: 'tickets', resourceType: 'ticket' };

/** Whether the caller may open the board: tickets where they stand, or partner support permissions at home. */
export function readsBoard(ctx: RequestContext): boolean {
  return can(ctx, 'tickets.read') || can(ctx, 'partner.support.tickets.list') || can(ctx, 'partner.support.tickets.read');
}

type Filters = z.output<typeof boardFiltersSchema>;
const cursorShape = z.object({ t: z.string(), i: z.uuid() });

/** The filter on one tenant's tickets (alias `t`), the tenant itself aside. */
function conditions(ctx: RequestContext, f: Filters): SQL[] {
  const out: SQL[] = [];
  if (f.status && f.status.length > 0) out.push(sql`t.status = any(${`{${f.status.join(',')}}`}::ticket_status[])`);
  if (f.priority) out.push(sql`t.priority = ${f.priority}`);
  if (f.assigned_to === 'me') out.push(sql`t.assignee_id = ${ctx.user.id}`);
  else if (f.assigned_to === 'none') out.push(sql`t.assignee_id is null`);
  else if (f.assigned_to) out.push(sql`t.assignee_id = ${f.assigned_to}`);
  if (f.created_from) out.push(sql`t.created_at >= ${f.created_from}::date`);
  if (f.created_to) out.push(sql`t.created_at < ${f.created_to}::date + 1`);
  if (f.search) out.push(sql`(t.subject ilike ${containsPattern(f.search)} or t.number ilike ${containsPattern(f.search)})`);
  switch (f.sla) {
    case 'breached':
      out.push(sql`(t.sla_breached_at is not null or t.sla_due_at < now())`);
      break;
    case 'at_risk':
      out.push(sql`('at_risk' in (t.sla_response_state, t.sla_resolution_state) and t.sla_due_at >= now() and t.sla_breached_at is null)`);
      break;
    case 'paused':
      out.push(sql`t.status in ('pending', 'on_hold')`);
      break;
    case 'running':
      out.push(sql`(t.status in ('new', 'open') and t.sla_breached_at is null and coalesce(t.sla_due_at >= now(), true) and not ('at_risk' in (t.sla_response_state, t.sla_resolution_state)))`);
      break;
    case 'due_1h':
      out.push(sql`(t.sla_due_at >= now() and t.sla_due_at < now() + interval '1 hour')`);
      break;
  }
  return out;
}

const where = (parts: SQL[]) => (parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`);
const tenantList = (tenants: readonly Readable[]) => `{${tenants.map((t) => t.id).join(',')}}`;

type Row = {
  id: string;
  tenant_id: string;
  number: string;
  subject: string;
  priority: TicketPriority;
  category: string | null;
  status: TicketStatus;
  requester_id: string;
  requester_name: string;
  assignee_id: string | null;
  assignee_label: string | null;
  partner_name: string | null;
  sla_response_state: TimerState | null;
  sla_resolution_state: TimerState | null;
  sla_due_at: string | null;
  sla_breached_at: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  response_count: number;
  last_response_at: string | null;
  created_at: string;
  updated_at: string;
};

const severity: TimerState[] = ['breached', 'at_risk', 'running', 'paused', 'met'];
/** The worse of the two stored states: breached over at risk over running over paused over met. */
function worse(a: TimerState | null, b: TimerState | null): TimerState | null {
  if (!a || !b) return a ?? b;
  return severity.indexOf(a) <= severity.indexOf(b) ? a : b;
}
const iso = (s: string | null) => (s ? new Date(s).toISOString() : null);

function toDto(r: Row, tenant: TenantRef): BoardTicketDto {
  const dueAt = iso(r.sla_due_at);
  const overdue = dueAt !== null && Date.parse(dueAt) < Date.now();
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    priority: r.priority,
    category: r.category,
    status: r.status,
    tenant,
    requester: { id: r.requester_id, name: r.requester_name },
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_label ?? '' } : null,
    createdByPartner: r.partner_name,
    // A due time already past is a breach, even before the next scan stores it.
    sla: { state: overdue ? 'breached' : worse(r.sla_response_state, r.sla_resolution_state), dueAt, breachedAt: iso(r.sla_breached_at) ?? (overdue ? dueAt : null) },
    firstResponseAt: iso(r.first_response_at),
    resolvedAt: iso(r.resolved_at),
    responseCount: r.response_count,
    lastResponseAt: iso(r.last_response_at),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/**
 * One page, newest first: the first `limit + 1` of each tenant (its index, in order), merged.
 * Per tenant, so 50 tenants cost 50 short index scans rather than a sort of all their tickets.
 */
function pageQuery(tx: Tx, tenants: readonly Readable[], parts: SQL[], limit: number, position: { t: string; i: string } | null) {
  const after = position ? sql`and (t.created_at, t.id) < (${position.t}::timestamptz, ${position.i}::uuid)` : sql``;
  // The page's rows first (keys only, from each tenant's index), then the names and counts for
  // those rows alone: joins for 51 rows, not for every candidate of every tenant.
  return tx.execute<Row>(sql`
    with page as (
      select t.tenant_id, t.id, t.created_at
      from unnest(${tenantList(tenants)}::uuid[]) as s(tenant_id)
      cross join lateral (
        select t.tenant_id, t.id, t.created_at from tickets t where t.tenant_id = s.tenant_id and ${where(parts)} ${after}
        order by t.created_at desc, t.id desc limit ${limit + 1}
      ) t
      where ${featureOnSql('s.tenant_id', 'tickets')}
      order by t.created_at desc, t.id desc limit ${limit + 1}
    )
    select t.id, t.tenant_id, t.number, t.subject, t.priority, t.category, t.status, t.requester_id, u.name as requester_name,
      t.assignee_id, t.assignee_label, p.name as partner_name, t.sla_response_state, t.sla_resolution_state, t.sla_due_at, t.sla_breached_at,
      t.first_response_at, t.resolved_at, t.created_at, t.updated_at,
      c.response_count, c.last_response_at
    from page
    join tickets t on t.tenant_id = page.tenant_id and t.id = page.id
    join users u on u.tenant_id = t.tenant_id and u.id = t.requester_id
    left join tenants p on p.id = t.created_by_partner_id
    cross join lateral (
      select count(*)::int as response_count, max(k.created_at) as last_response_at
      from ticket_comments k where k.tenant_id = t.tenant_id and k.ticket_id = t.id and not k.internal and not k.from_requester
    ) c
    order by t.created_at desc, t.id desc`);
}

type AggregateRow = { total: number; breached: number; avg_resolution_hours: string | null } & Record<TicketStatus, number>;

function aggregatesQuery(tx: Tx, tenants: readonly Readable[], parts: SQL[], audit?: SQL) {
  // The feature decided once per tenant, not once per ticket.
  return tx.execute<AggregateRow>(sql`
    with enabled as (select s.id from unnest(${tenantList(tenants)}::uuid[]) as s(id) where ${featureOnSql('s.id', 'tickets')})
    select count(*)::int as total,
      ${sql.join(
        ticketStatuses.map((s) => sql`(count(*) filter (where t.status = ${s}))::int as ${sql.identifier(s)}`),
        sql`, `,
      )},
      (count(*) filter (where t.sla_breached_at is not null or t.sla_due_at < now()))::int as breached,
      avg(extract(epoch from t.resolved_at - t.created_at) / 3600) filter (where t.resolved_at is not null) as avg_resolution_hours
    from ${audit ? sql`(select ${audit}) audit_, ` : sql``}tickets t
    where t.tenant_id = any(array(select id from enabled)) and ${where(parts)}`);
}

/** A tenant on the board, with what the caller may do to its tickets (no write control is offered where it may not). */
export type BoardTenant = TenantRef & { canUpdate: boolean; canComment: boolean };
export type Board = Page<BoardTicketDto> & { aggregates: BoardAggregates; tenants: BoardTenant[] };

/**
 * The board's page and counts over every tenant the caller reads tickets in (`tenant_ids` narrows;
 * one outside them is 403 naming it).
 */
export async function listBoard(ctx: RequestContext, input: BoardFilters): Promise<Board> {
  if (!readsBoard(ctx)) throw forbidden('tickets.read');
  const f = boardFiltersSchema.parse(input);
  const position = readCursor(f.cursor, cursorShape);
  const parts = conditions(ctx, f);
  const { tenants: chosen, result } = await consolidatedRead(
    ctx,
    area,
    f.tenant_ids,
    'tickets.board',
    async (tx, t, audit) => {
      const [rows, [agg]] = await Promise.all([pageQuery(tx, t, parts, f.limit, position), aggregatesQuery(tx, t, parts, audit)]);
      return { rows: [...rows], agg: agg! };
    },
    true,
  );
  const byId = new Map(chosen.map((t) => [t.id, ref(t)]));
  const page = toPage(result.rows, f.limit, (r) => toDto(r, byId.get(r.tenant_id)!), (l) => ({ t: new Date(l.created_at).toISOString(), i: l.id }));
  const { agg } = result;
  return {
    ...page,
    tenants: chosen.map((t) => ({ ...ref(t), canUpdate: t.permissions.has('tickets.update'), canComment: t.permissions.has('tickets.comment') })),
    aggregates: {
      total: agg.total,
      byStatus: Object.fromEntries(ticketStatuses.map((s) => [s, agg[s]])) as Record<TicketStatus, number>,
      slaBreached: agg.breached,
      avgResolutionHours: agg.avg_resolution_hours === null ? null : Math.round(Number(agg.avg_resolution_hours) * 10) / 10,
    },
  };
}

/** The tenant a ticket the caller can see on the board belongs to; null when they cannot see it. */
export async function locateTicket(ctx: RequestContext, id: string): Promise<string | null> {
  const { result } = await consolidatedRead(ctx, area, undefined, 'tickets.locate', async (tx, t) => {
    if (t.length === 0) return null;
    const [row] = await tx.execute<{ tenant_id: string }>(sql`
      select tenant_id from tickets where tenant_id = any(${tenantList(t)}::uuid[]) and id = ${id} and ${featureOnSql('tenant_id', 'tickets')}`);
    return row?.tenant_id ?? null;
  });
  return result;
}

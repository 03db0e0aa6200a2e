import 'server-only';
import type { AlertList } from '@/lib/data/alerts';
import { storedSla } from '@/lib/data/internal/sla';
import type { Board } from '@/lib/data/ticket-board';
import type { AlertDto } from '@/lib/validation/alerts';
import type { TicketDto } from '@/lib/validation/tickets';

// The seed's response shapes for the partner support and alert API (SEED-FACTS A4 contracts 7,
// 8, 9, 12 and 13), built from the data layer's answers. Fields the portal has no source for are
// left out (docs/api.md says which).

export function boardBody(board: Board, limit: number) {
  const a = board.aggregates;
  return {
    items: board.items.map((t) => ({
      ticket_id: t.id,
      ticket_number: t.number,
      tenant_id: t.tenant.id,
      tenant_name: t.tenant.name,
      tenant_slug: t.tenant.slug,
      customer_id: t.requester.id,
      customer_name: t.requester.name,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      category: t.category,
      assigned_to: t.assignee?.id ?? null,
      assigned_to_name: t.assignee?.name ?? null,
      created_by_partner_name: t.createdByPartner,
      created_at: t.createdAt,
      updated_at: t.updatedAt,
      sla_breach_at: t.sla.breachedAt ?? t.sla.dueAt,
      is_sla_breached: t.sla.state === 'breached' || t.sla.breachedAt !== null,
      sla_state: t.sla.state,
      last_response_at: t.lastResponseAt,
      response_count: t.responseCount,
    })),
    limit,
    has_more: board.nextCursor !== null,
    next_cursor: board.nextCursor,
    total: a.total,
    aggregates: {
      open_count: a.byStatus.new + a.byStatus.open + a.byStatus.on_hold,
      pending_count: a.byStatus.pending,
      resolved_count: a.byStatus.resolved + a.byStatus.closed,
      sla_breach_count: a.slaBreached,
      avg_resolution_hours: a.avgResolutionHours,
      by_status: a.byStatus,
    },
  };
}

export function createdBody(t: TicketDto, tenantId: string) {
  return {
    ticket_id: t.id,
    ticket_number: t.number,
    tenant_id: tenantId,
    status: t.status,
    priority: t.priority,
    category: t.category,
    created_by_partner: t.createdByPartner !== null,
    created_by_partner_id: t.createdByPartner?.id ?? null,
    created_by_partner_name: t.createdByPartner?.name ?? null,
    created_at: t.createdAt,
    // The earliest due time of a running timer (the seed's sla_breach_at for a new ticket).
    sla_breach_at: storedSla(t.sla).dueAt?.toISOString() ?? null,
    sla: t.sla,
  };
}

export function updatedBody(t: TicketDto, commentId: string | null) {
  return { ticket_id: t.id, ticket_number: t.number, status: t.status, priority: t.priority, assigned_to: t.assignee?.id ?? null, updated_at: t.updatedAt, comment_id: commentId };
}

function alertItem(a: AlertDto) {
  return {
    alert_id: a.id,
    tenant_id: a.tenant.id,
    tenant_name: a.tenant.name,
    alert_type: a.type,
    severity: a.severity,
    title: a.title,
    message: a.message,
    status: a.status,
    triggered_at: a.firstSeenAt,
    last_seen_at: a.lastSeenAt,
    occurrences: a.occurrences,
    acknowledged_at: a.acknowledgedAt,
    resolved_at: a.resolvedAt,
    assigned_to_name: a.assignee?.name ?? null,
    ticket_id: a.ticket?.id ?? null,
    metadata: a.metadata,
  };
}

export function alertsBody(list: AlertList, limit: number) {
  return {
    items: list.items.map(alertItem),
    total: list.counts.active + list.counts.acknowledged + list.counts.resolved,
    active_count: list.counts.active,
    acknowledged_count: list.counts.acknowledged,
    resolved_count: list.counts.resolved,
    limit,
    has_more: list.nextCursor !== null,
    next_cursor: list.nextCursor,
  };
}

import { updatedBody } from '@/lib/api/partner-support';
import { apiRoute } from '@/lib/api/route';
import { notFound } from '@/lib/errors';
import { contextsFor } from '@/lib/data/tenancy';
import { locateTicket } from '@/lib/data/ticket-board';
import { updateTicketWithComment } from '@/lib/data/tickets';
import { partnerUpdateTicketSchema, ticketIdParamsSchema } from '@/lib/validation/tickets';

/**
 * Changes a ticket of any tenant on the caller's board (contract 9): status, priority, assignee
 * and a comment (public or internal), in one transaction in the ticket's own tenant, as a request
 * to that tenant would be (link live, tickets.update / tickets.comment granted). A ticket the
 * caller cannot see is 404.
 */
export const PATCH = apiRoute({ permission: 'partner.support.tickets.update', params: ticketIdParamsSchema, body: partnerUpdateTicketSchema }, async ({ ctx, params, body }) => {
  const tenantId = await locateTicket(ctx, params.id);
  const tctx = tenantId ? (await contextsFor(ctx, [tenantId])).get(tenantId) : null;
  if (!tctx) throw notFound('Ticket');
  const { ticket, commentId } = await updateTicketWithComment(tctx, {
    id: params.id,
    status: body.status,
    priority: body.priority,
    assigneeId: body.assigned_to,
    comment: body.comment ? { body: body.comment.content, internal: body.comment.is_internal, notify: body.comment.notify_customer } : undefined,
  });
  return updatedBody(ticket, commentId);
});

'use server';

import { tenantAction } from '@/lib/api/action';
import { addTicketComment, createTicket, updateTicket, updateTicketStatus } from '@/lib/data/tickets';
import { commentSchema, createTicketSchema, ticketIdParamsSchema, updateTicketSchema } from '@/lib/validation/tickets';

export const createTicketAction = tenantAction({ permission: 'tickets.create', input: createTicketSchema, revalidate: 'tickets' }, createTicket);
export const updateTicketStatusAction = tenantAction(
  { permission: 'tickets.update', input: ticketIdParamsSchema.extend(updateTicketSchema.shape), revalidate: 'tickets' },
  updateTicketStatus,
);
/** The ticket page's controls: status along the flow, priority, assignee ("Assign to me"). */
export const updateTicketAction = tenantAction({ permission: 'tickets.update', input: ticketIdParamsSchema.extend(updateTicketSchema.shape), revalidate: 'tickets' }, updateTicket);
/** A public reply or an internal note. */
export const addTicketCommentAction = tenantAction({ permission: 'tickets.comment', input: ticketIdParamsSchema.extend(commentSchema.shape), revalidate: 'tickets' }, addTicketComment);

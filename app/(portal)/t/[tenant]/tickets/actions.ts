'use server';

import { tenantAction } from '@/lib/api/action';
import { addTicketComment, createTicket, updateTicket } from '@/lib/data/tickets';
import { commentSchema, createTicketSchema, ticketIdParamsSchema, updateTicketSchema } from '@/lib/validation/tickets';

export const createTicketAction = tenantAction({ permission: 'tickets.create', input: createTicketSchema, revalidate: 'tickets' }, createTicket);
/** Status along the flow (the list's select, the ticket page), priority, assignee ("Assign to me"). */
export const updateTicketAction = tenantAction({ permission: 'tickets.update', input: ticketIdParamsSchema.extend(updateTicketSchema.shape), revalidate: 'tickets' }, updateTicket);
/** A public reply or an internal note. */
export const addTicketCommentAction = tenantAction({ permission: 'tickets.comment', input: ticketIdParamsSchema.extend(commentSchema.shape), revalidate: 'tickets' }, addTicketComment);

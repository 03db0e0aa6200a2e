'use server';

import { tenantAction } from '@/lib/api/action';
import { createMyTicket, replyToMyTicket } from '@/lib/data/tickets';
import { commentSchema, createMyTicketSchema, ticketIdParamsSchema } from '@/lib/validation/tickets';

/** The end user opens a ticket with their provider. */
export const createMyTicketAction = tenantAction({ permission: 'tickets.self', input: createMyTicketSchema, revalidate: 'account' }, createMyTicket);
/** The end user replies (a closed ticket gets a follow-up, which the answer names). */
export const replyToMyTicketAction = tenantAction(
  { permission: 'tickets.self', input: ticketIdParamsSchema.extend({ body: commentSchema.shape.body }).strict(), revalidate: 'account' },
  replyToMyTicket,
);

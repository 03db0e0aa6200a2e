'use server';

import { tenantAction } from '@/lib/api/action';
import { createTicket, updateTicketStatus } from '@/lib/data/tickets';
import { createTicketSchema, ticketIdParamsSchema, updateTicketSchema } from '@/lib/validation/tickets';

export const createTicketAction = tenantAction({ permission: 'tickets.create', input: createTicketSchema, revalidate: 'tickets' }, createTicket);
export const updateTicketStatusAction = tenantAction(
  { permission: 'tickets.update', input: ticketIdParamsSchema.extend(updateTicketSchema.shape), revalidate: 'tickets' },
  updateTicketStatus,
);

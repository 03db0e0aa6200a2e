import { z } from './zod';
import { cursorSchema, idSchema, limitSchema, sortSchema } from './common';

import { ticketPriorities, ticketStatuses } from '@/lib/config/enums';

export const listTicketsSchema = z.object({
  search: z.string().trim().max(100, 'search is at most 100 characters.').optional(),
  status: z.enum(ticketStatuses).optional(),
  priority: z.enum(ticketPriorities).optional(),
  sort: sortSchema(['createdAt', 'number'], 'createdAt.desc'),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ListTicketsInput = z.input<typeof listTicketsSchema>;

export const createTicketSchema = z.object({
  subject: z.string().trim().min(3, 'Subject is at least 3 characters.').max(200, 'Subject is at most 200 characters.'),
  description: z.string().trim().min(1, 'Describe the problem.').max(10_000, 'Description is at most 10,000 characters.'),
  priority: z.enum(ticketPriorities).default('normal'),
  category: z.string().trim().max(60, 'Category is at most 60 characters.').optional(),
});
export type CreateTicketInput = z.input<typeof createTicketSchema>;

export const updateTicketSchema = z.object({ status: z.enum(ticketStatuses) });
export const ticketIdParamsSchema = z.object({ id: idSchema });

export type TicketDto = {
  id: string;
  number: string;
  subject: string;
  description: string;
  priority: (typeof ticketPriorities)[number];
  category: string | null;
  status: (typeof ticketStatuses)[number];
  requester: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
};

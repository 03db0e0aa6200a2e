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

const subject = z.string().trim().min(3, 'Subject is at least 3 characters.').max(200, 'Subject is at most 200 characters.');
const description = z.string().trim().min(1, 'Describe the problem.').max(10_000, 'Description is at most 10,000 characters.');
const category = z
  .string()
  .trim()
  .max(60, 'Category is at most 60 characters.')
  .regex(/^[a-z0-9_]*$/, 'Category is lower-case letters, digits and underscores (network_outage).')
  .optional();
const instant = (what: string) => z.iso.datetime({ offset: true, message: `${what} is a date and time (ISO 8601).` });

export const createTicketSchema = z.object({
  subject,
  description,
  priority: z.enum(ticketPriorities).default('normal'),
  category,
  /** A network_outage ticket's outage (start defaults to now; end empty while ongoing). */
  outageStart: instant('outageStart').optional(),
  outageEnd: instant('outageEnd').optional(),
});
export type CreateTicketInput = z.input<typeof createTicketSchema>;

export const updateTicketSchema = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    /** A staff member of the tenant, or yourself; null unassigns. */
    assigneeId: idSchema.nullable().optional(),
    outageStart: instant('outageStart').nullable().optional(),
    outageEnd: instant('outageEnd').nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change: give a status, priority, assigneeId or the outage times.' });
export const ticketIdParamsSchema = z.object({ id: idSchema });

export const commentSchema = z.object({
  body: z.string().trim().min(1, 'Write something.').max(10_000, 'A comment is at most 10,000 characters.'),
  /** A staff note: never shown, mailed or exported to the requester. */
  internal: z.boolean().default(false),
});

/** What an end user sends: no priority (staff triage) and no internal notes. */
export const createMyTicketSchema = z.object({ subject, description, category });

export type TicketDto = {
  id: string;
  number: string;
  subject: string;
  description: string;
  priority: (typeof ticketPriorities)[number];
  category: string | null;
  status: (typeof ticketStatuses)[number];
  requester: { id: string; name: string };
  /** Staff of the tenant, or partner staff (tenantId: their partner). */
  assignee: { id: string; name: string; tenantId: string } | null;
  /** Opened by a partner's staff through a link. */
  createdByPartner: { id: string; name: string } | null;
  /** The closed ticket this one follows up. */
  followUpOf: string | null;
  /** A network_outage ticket's outage. */
  outage: { start: string | null; end: string | null } | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TicketCommentDto = { id: string; body: string; internal: boolean; author: string; fromRequester: boolean; createdAt: string };

/** A requester's view: their status words (new and on hold read as open), public comments only. */
export type MyTicketDto = {
  id: string;
  number: string;
  subject: string;
  description: string;
  category: string | null;
  status: 'open' | 'pending' | 'resolved' | 'closed';
  followUpOf: string | null;
  createdAt: string;
  updatedAt: string;
  comments: TicketCommentDto[];
};

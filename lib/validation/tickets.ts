import { z } from './zod';
import { cursorSchema, idSchema, limitSchema, sortSchema } from './common';

import { ticketPriorities, ticketStatuses } from '@/lib/config/enums';
import { isTimeZone, weekdays, type BusinessCalendar, type SlaMode, type SlaPolicy, type TimerState } from '@/lib/config/sla';

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
  /** Who it is for: a user of the tenant (by default the caller at home, the tenant's first admin through a link). */
  requesterId: idSchema.optional(),
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
  /** The SLA timers: first response (until the first public staff reply) and resolution. */
  sla: { firstResponse: SlaTimerDto; resolution: SlaTimerDto };
  createdAt: string;
  updatedAt: string;
};

/** One SLA timer: its state (at risk from 80 %), when it falls due (null while paused), and how much of the target is used. */
export type SlaTimerDto = { state: TimerState; dueAt: string | null; usedMinutes: number; targetMinutes: number; mode: SlaMode };

const target = z.object({ minutes: z.number().int().min(1).max(60 * 24 * 90), mode: z.enum(['business', 'calendar']) });
/** A tenant's SLA policy: first-response and resolution targets per priority. */
export const slaPolicySchema = z.object(
  Object.fromEntries(ticketPriorities.map((p) => [p, z.object({ firstResponse: target, resolution: target })])) as Record<(typeof ticketPriorities)[number], z.ZodObject<{ firstResponse: typeof target; resolution: typeof target }>>,
);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time is HH:MM (24:00 ends a day).');
/** A business calendar: an IANA time zone, opening ranges per weekday, holidays. */
export const businessCalendarSchema = z.object({
  timeZone: z.string().refine(isTimeZone, 'An IANA time zone (Europe/Berlin).'),
  hours: z.partialRecord(z.enum(weekdays), z.array(z.tuple([clock, clock]).refine(([a, b]) => a < b, 'A range ends after it starts.')).max(4)),
  holidays: z.array(z.iso.date()).max(366),
});

/** What a tenant sets for its tickets (Settings): auto-close, SLA targets, business hours. */
const categoryName = z
  .string()
  .trim()
  .min(2, 'A category is at least 2 characters.')
  .max(60, 'A category is at most 60 characters.')
  .regex(/^[a-z0-9_]+$/, 'A category is lower-case letters, digits and underscores (network_outage).');

export const ticketSettingsSchema = z.object({
  /** The tenant's categories; network_outage is always one besides (listing it changes nothing). */
  categories: z
    .array(categoryName)
    .min(1, 'Keep at least one category.')
    .max(30, 'At most 30 categories.')
    .refine((c) => new Set(c).size === c.length, 'Each category once.')
    .default(['connectivity', 'speed', 'billing', 'hardware', 'account']),
  autoCloseHours: z.number({ message: 'Auto-close is a number of hours.' }).int('Auto-close is whole hours.').min(1, 'At least 1 hour.').max(672, 'At most 28 days (672 hours).'),
  slaPolicy: slaPolicySchema,
  businessCalendar: businessCalendarSchema,
});
export type TicketSettings = { categories: string[]; autoCloseHours: number; slaPolicy: SlaPolicy; businessCalendar: BusinessCalendar };

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

/** The partner support API's create (the seed's contract 8), in the seed's field names. */
export const partnerCreateTicketSchema = z.object({
  subject,
  description,
  priority: z.enum(ticketPriorities).default('normal'),
  category,
  /** The tenant's user it is for; the tenant's first admin when left out. */
  customer_id: idSchema.optional(),
});

/** The partner support API's update (the seed's contract 9): any of status, priority, assignee, and a comment. */
export const partnerUpdateTicketSchema = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    assigned_to: idSchema.nullable().optional(),
    comment: z
      .object({
        content: z.string().trim().min(1, 'Write something.').max(10_000, 'A comment is at most 10,000 characters.'),
        is_internal: z.boolean().default(false),
        notify_customer: z.boolean().default(true),
      })
      .optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change: give a status, priority, assigned_to or a comment.' });

import { z } from './zod';
import { ticketPriorities, ticketStatuses, type TicketPriority, type TicketStatus } from '@/lib/config/enums';
import type { TimerState } from '@/lib/config/sla';
import { tenantIdsSchema } from './billing';
import { cursorSchema, idSchema, limitSchema } from './common';

/** The board's SLA filter: a timer's state, or due within the next hour ("Breaching within 1 h"). */
export const boardSlaFilters = ['breached', 'at_risk', 'paused', 'running', 'due_1h'] as const;
export type BoardSlaFilter = (typeof boardSlaFilters)[number];

const isoDate = (field: string) => z.iso.date({ message: `${field} is a date (YYYY-MM-DD).` });

/**
 * The multi-tenant ticket board's filters (the URL's, and the partner support API's, contract 7):
 * tenants, status, priority, assignee (`me`, `none` or a user id), SLA state, creation dates and
 * a search of subject and number. Multi-value filters are comma-separated.
 */
export const boardFiltersSchema = z
  .object({
    tenant_ids: tenantIdsSchema.optional(),
    status: z
      .string()
      .max(200)
      .transform((s, c) => {
        const list = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
        for (const x of list) {
          if (!(ticketStatuses as readonly string[]).includes(x)) {
            c.addIssue({ code: 'custom', message: `status is one or more of ${ticketStatuses.join(', ')}.` });
            return z.NEVER;
          }
        }
        return list as TicketStatus[];
      })
      .optional(),
    priority: z.enum(ticketPriorities).optional(),
    assigned_to: z.union([z.enum(['me', 'none']), idSchema]).optional(),
    sla: z.enum(boardSlaFilters).optional(),
    created_from: isoDate('created_from').optional(),
    created_to: isoDate('created_to').optional(),
    search: z.string().trim().max(100, 'search is at most 100 characters.').optional(),
    cursor: cursorSchema,
    limit: limitSchema,
  })
  .refine((f) => !f.created_from || !f.created_to || f.created_from <= f.created_to, { message: 'created_from is on or before created_to.', path: ['created_to'] });
export type BoardFilters = z.input<typeof boardFiltersSchema>;

/** One row of the board: a ticket with its tenant and its stored SLA state (refreshed every minute). */
export type BoardTicketDto = {
  id: string;
  number: string;
  subject: string;
  priority: TicketPriority;
  category: string | null;
  status: TicketStatus;
  tenant: { id: string; slug: string; name: string };
  requester: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  createdByPartner: string | null;
  /** The worse of the two timers, and the earliest due time of a running one. */
  sla: { state: TimerState | null; dueAt: string | null; breachedAt: string | null };
  firstResponseAt: string | null;
  resolvedAt: string | null;
  responseCount: number;
  lastResponseAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Counts over the whole filter (not just the page). */
export type BoardAggregates = { total: number; byStatus: Record<TicketStatus, number>; slaBreached: number; avgResolutionHours: number | null };

import { z } from './zod';
import { alertSeverities, alertStatuses, alertTypes, type AlertSeverity, type AlertStatus, type AlertType } from '@/lib/config/alerts';
import { bulkIdsSchema, cursorSchema, idSchema, limitSchema } from './common';
import { tenantIdsSchema } from './billing';

/** The alert list's filters (the URL's and the API's): `status` also takes `open` (not resolved). */
export const listAlertsSchema = z.object({
  status: z.enum([...alertStatuses, 'open']).optional(),
  type: z.enum(alertTypes).optional(),
  severity: z.enum(alertSeverities).optional(),
  /** `me`, `none`, or a user id. */
  assignee: z.union([z.enum(['me', 'none']), idSchema]).optional(),
  tenant_ids: tenantIdsSchema.optional(),
  /** First seen on or after this day. */
  from_date: z.iso.date({ message: 'from_date is a date (YYYY-MM-DD).' }).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ListAlertsInput = z.input<typeof listAlertsSchema>;

/** One action on one or more alerts (row menu and bulk): each writes the alert's history. */
export const alertActionSchema = z.object({
  ids: bulkIdsSchema,
  action: z.enum(['acknowledge', 'resolve', 'assign_me', 'unassign']),
  note: z.string().trim().max(1000, 'A note is at most 1,000 characters.').optional(),
});
export type AlertAction = z.output<typeof alertActionSchema>['action'];

export const alertIdParamsSchema = z.object({ id: idSchema });
/** The body of acknowledge and resolve: an optional note for the history. */
export const alertNoteSchema = z.object({ note: z.string().trim().max(1000, 'A note is at most 1,000 characters.').optional() }).default({});

export type AlertDto = {
  id: string;
  tenant: { id: string; slug: string; name: string };
  type: AlertType;
  severity: AlertSeverity;
  status: AlertStatus;
  title: string;
  message: string;
  metadata: Record<string, unknown>;
  ticket: { id: string; number: string } | null;
  linkId: string | null;
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
  assignee: { id: string; name: string } | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
};
export type AlertEventDto = { id: string; action: string; actor: string; note: string | null; at: string };
/** Related alerts: one tenant, one type, open; acting on the group acts on each. */
export type AlertGroupDto = { tenant: { id: string; slug: string; name: string }; type: AlertType; severity: AlertSeverity; count: number; active: number; lastSeenAt: string; ids: string[] };
export type AlertCounts = { active: number; acknowledged: number; resolved: number };

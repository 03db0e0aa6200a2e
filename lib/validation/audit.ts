import { z } from './zod';
import { cursorSchema, limitSchema, sensibleDate } from './common';

const isoDate = z.iso
  .datetime({ offset: true, message: 'Use an ISO 8601 date-time.' })
  .or(z.iso.date({ message: 'Use an ISO 8601 date.' }))
  .refine(sensibleDate, 'Use a date between the years 2000 and 2999.');

export const auditFiltersSchema = z.object({
  actor: z.string().trim().max(320).optional(),
  partner: z.string().trim().max(40).optional(),
  action: z.string().trim().max(100).optional(),
  resourceType: z.string().trim().max(50).optional(),
  resourceId: z.string().trim().max(100).optional(),
  via: z.enum(['home', 'link', 'system', 'platform']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const listAuditSchema = auditFiltersSchema.extend({ cursor: cursorSchema, limit: limitSchema });
export type ListAuditInput = z.input<typeof listAuditSchema>;
export type AuditFilters = z.output<typeof auditFiltersSchema>;

export type AuditEventDto = {
  seq: number;
  occurredAt: string;
  actor: string | null;
  actorTenant: string | null;
  via: string;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: 'success' | 'denied' | 'failure';
  requestId: string | null;
  ip: string | null;
};

export type ChainVerdictDto =
  | { ok: true; digests: number; events: number; unsealed: number }
  | { ok: false; digests: number; events: number; unsealed: number; problem: string; digestNo: number; eventSeq: number | null };

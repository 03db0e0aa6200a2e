import { z } from './zod';
import { tenantIdsSchema } from './billing';

const day = (field: string) => z.iso.date({ message: `${field} is a date (YYYY-MM-DD).` });
const DAY_MS = 86_400_000;
/** The longest period a report covers. */
export const MAX_REPORT_DAYS = 366;

/** A report's period and tenants (the URL's and the API's): the last 30 days by default, at most 366 days, from on or before to. */
export const reportPeriodSchema = z
  .object({
    from_date: day('from_date').optional(),
    to_date: day('to_date').optional(),
    tenant_ids: tenantIdsSchema.optional(),
  })
  .transform((p, c) => {
    const to = p.to_date ?? new Date().toISOString().slice(0, 10);
    const from = p.from_date ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
    if (days < 1) {
      c.addIssue({ code: 'custom', message: 'from_date is on or before to_date.', path: ['to_date'] });
      return z.NEVER;
    }
    if (days > MAX_REPORT_DAYS) {
      c.addIssue({ code: 'custom', message: `A report covers at most ${MAX_REPORT_DAYS} days.`, path: ['from_date'] });
      return z.NEVER;
    }
    return { from, to, days, tenantIds: p.tenant_ids };
  });

export const usageReportSchema = z.intersection(reportPeriodSchema, z.object({ group_by: z.enum(['day', 'week', 'month', 'tenant']).default('day') }));
export const slaReportSchema = z.intersection(
  reportPeriodSchema,
  z.object({
    /** The uptime target for tenants whose link names none (the seed's default 99.9). */
    target_percentage: z.coerce.number({ message: 'target_percentage is a number.' }).min(0, 'At least 0.').max(100, 'At most 100.').default(99.9),
  }),
);
/** `format=csv` answers the plotted rows as a CSV file. */
export const reportFormatSchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

export type ReportTenant = { id: string; slug: string; name: string };
export type UsagePoint = { bucket: string; activeUsers: number; sessions: number; operations: number; newUsers: number };
export type UsageByTenant = { tenant: ReportTenant; activeUsers: number; sessions: number; operations: number; newUsers: number; subscribers: Record<'signing' | 'signed' | 'suspended' | 'unsigned', number>; totalSubscribers: number };
export type RevenuePoint = { bucket: string; currency: string; amountMinor: number; payments: number };
export type UsageReport = {
  period: { from: string; to: string; days: number };
  groupBy: 'day' | 'week' | 'month' | 'tenant';
  tenants: ReportTenant[];
  timeSeries: UsagePoint[];
  byTenant: UsageByTenant[];
  revenue: RevenuePoint[];
  summary: { activeUsers: number; sessions: number; operations: number; newUsers: number; totalSubscribers: number; activeSubscribers: number };
};

export type SlaByTenant = {
  tenant: ReportTenant;
  tickets: number;
  firstResponse: { met: number; breached: number; compliance: number | null };
  resolution: { met: number; breached: number; compliance: number | null };
  breachCount: number;
  avgResolutionHours: number | null;
  uptime: { percentage: number; downtimeMinutes: number; outageCount: number; mttrMinutes: number | null; worstDay: { date: string; percentage: number } | null; target: number; meetsSla: boolean };
};
export type SlaReport = {
  period: { from: string; to: string; days: number };
  tenants: ReportTenant[];
  /** The share of tickets meeting their targets the chart draws as its reference line. */
  complianceTarget: number;
  byTenant: SlaByTenant[];
  summary: { tenantCount: number; avgUptime: number | null; worstUptime: number | null; tenantsMeetingSla: number; tenantsBreachingSla: number; totalBreachCount: number; totalDowntimeMinutes: number };
};

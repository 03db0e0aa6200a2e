import { apiRoute } from '@/lib/api/route';
import { slaBody, slaCsv, reportQuerySchema } from '@/lib/api/reports';
import { slaReport } from '@/lib/data/reports';

/** The active tenant's SLA report (through a link: audited there); `format=csv` downloads the plotted rows. */
export const GET = apiRoute({ permission: 'reports.sla.read', query: reportQuerySchema.omit({ tenant_ids: true }) }, async ({ ctx, query }) => {
  const { format, ...input } = query;
  const report = await slaReport(ctx, { ...(input as Parameters<typeof slaReport>[1]), tenant_ids: ctx.activeTenant.id });
  return format === 'csv' ? slaCsv(report) : slaBody(report);
});

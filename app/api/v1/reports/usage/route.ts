import { apiRoute } from '@/lib/api/route';
import { usageBody, usageCsv, reportQuerySchema } from '@/lib/api/reports';
import { usageReport } from '@/lib/data/reports';

/** The active tenant's Usage report (through a link: audited there); `format=csv` downloads the plotted rows. */
export const GET = apiRoute({ permission: 'reports.usage.read', query: reportQuerySchema.omit({ tenant_ids: true }) }, async ({ ctx, query }) => {
  const { format, ...input } = query;
  const report = await usageReport(ctx, { ...(input as Parameters<typeof usageReport>[1]), tenant_ids: ctx.activeTenant.id });
  return format === 'csv' ? usageCsv(report) : usageBody(report);
});

import { apiRoute } from '@/lib/api/route';
import { usageBody, usageCsv, reportQuerySchema } from '@/lib/api/reports';
import { usageReport } from '@/lib/data/reports';

/** The Usage report across the tenants the caller's links grant reports in (the seed's contract 10); `format=csv` downloads the plotted rows. */
export const GET = apiRoute({ permission: 'partner.reports.usage.read', query: reportQuerySchema }, async ({ ctx, query }) => {
  const { format, ...input } = query;
  // Strings as the URL carries them; the report parses them (422 on a bad one).
  const report = await usageReport(ctx, input as Parameters<typeof usageReport>[1]);
  return format === 'csv' ? usageCsv(report) : usageBody(report);
});

import { apiRoute } from '@/lib/api/route';
import { slaBody, slaCsv, reportQuerySchema } from '@/lib/api/reports';
import { slaReport } from '@/lib/data/reports';

/** The SLA report across the tenants the caller's links grant reports in (the seed's contract 11); `format=csv` downloads the plotted rows. */
export const GET = apiRoute({ permission: 'partner.reports.sla.read', query: reportQuerySchema }, async ({ ctx, query }) => {
  const { format, ...input } = query;
  // Strings as the URL carries them; the report parses them (422 on a bad one).
  const report = await slaReport(ctx, input as Parameters<typeof slaReport>[1]);
  return format === 'csv' ? slaCsv(report) : slaBody(report);
});

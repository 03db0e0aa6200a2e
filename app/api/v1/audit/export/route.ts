import { apiRoute } from '@/lib/api/route';
import { exportAuditCsv } from '@/lib/data/audit-log';
import { auditFiltersSchema } from '@/lib/validation/audit';

export const GET = apiRoute({ permission: 'audit.export', rate: 'export', query: auditFiltersSchema }, async ({ ctx, query }) => {
  const stream = await exportAuditCsv(ctx, query);
  const name = `audit-${ctx.activeTenant.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(stream, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
  });
});

import { apiRoute } from '@/lib/api/route';
import { contextsFor } from '@/lib/data/tenancy';
import { downloadMyExport } from '@/lib/data/exports';
import { idParamsSchema } from '@/lib/validation/common';

/**
 * The file of one of the caller's ready exports. Re-checks the caller's access to every tenant in
 * it (403 TENANT_ACCESS_DENIED naming the ones lost), 410 EXPORT_EXPIRED after 7 days; audited.
 */
export const GET = apiRoute({ permission: 'account.read', rate: 'export', params: idParamsSchema }, async ({ ctx, params }) => {
  const file = await downloadMyExport(ctx, params, (ids) => contextsFor(ctx, ids));
  return new Response(file.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'content-length': String(file.sizeBytes),
      'cache-control': 'private, no-store',
    },
  });
});

import { apiRoute } from '@/lib/api/route';
import { getTenantExportFile } from '@/lib/data/platform/offboarding';
import { tenantExportParamsSchema } from '@/lib/validation/offboarding';

/** A finished export as `application/zip` (409 while it is queued or running); every download is audited. */
export const GET = apiRoute({ permission: 'platform.tenants.manage', params: tenantExportParamsSchema, rate: 'export' }, async ({ ctx, params }) => {
  const file = await getTenantExportFile(ctx, params);
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(file.data.length),
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
});

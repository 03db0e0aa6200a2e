import { downloadMyExport, type ExportDto } from '@/lib/data/exports';
import { unsafeBuildExport } from '@/lib/data/internal/export-build';
import { contextsFor } from '@/lib/data/tenancy';
import type { RequestContext } from '@/lib/tenancy/context';

/** Runs an export's job as the worker would, then downloads its file as the requester. */
export async function buildAndDownload(ctx: RequestContext, started: ExportDto, opts: { chunkBytes?: number } = {}): Promise<string> {
  await unsafeBuildExport({ tenantId: ctx.homeTenant.id, exportId: started.id }, opts);
  const file = await downloadMyExport(ctx, { id: started.id }, (ids) => contextsFor(ctx, ids));
  return new Response(file.body).text();
}

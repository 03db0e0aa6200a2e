import 'server-only';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { type z } from 'zod';
import { exportChunks, exportJobs } from '@/db/schema';
import type { TenantPermission } from '@/lib/config/permissions';
import { AppError } from '@/lib/errors';
import { assertCan, can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { auditFiltersSchema } from '@/lib/validation/audit';
import { invoiceFiltersSchema } from '@/lib/validation/billing';
import type { ExportDto, ExportKind, ExportStatus } from '@/lib/validation/exports';
import { listUsersSchema } from '@/lib/validation/users';
import { recordAudit, recordAuditIn } from './audit';
import { assertFeatureIn } from './features';
import { sendJobInTransaction } from './internal/jobs';
import { withHomeTenant, withTenant, type Tx } from './tx';

// Export jobs: every CSV export of the portal. Starting one answers at once (202); the
// `export-build` job streams the rows with COPY in each tenant's own scope into 1 MB chunks; the
// requester follows its progress and downloads the file, re-checked and audited, for 7 days.

export const EXPORT_DAYS = 7;
export type { ExportDto, ExportKind };

/** What each kind needs in every tenant it reads, when it starts and again when it is downloaded. */
export const exportPermission: Record<ExportKind, TenantPermission> = { invoices: 'billing.invoices.export', users: 'users.read', audit: 'audit.export' };

/** Each kind's filters, as the job reads them back from the row's params. */
export const exportParams = {
  invoices: invoiceFiltersSchema,
  users: listUsersSchema.pick({ search: true, type: true, status: true }),
  audit: auditFiltersSchema,
} as const satisfies Record<ExportKind, z.ZodType>;

type Row = typeof exportJobs.$inferSelect;

export function toExportDto(r: Row, now = Date.now()): ExportDto {
  const expired = r.expiresAt.getTime() <= now && (r.status === 'ready' || r.status === 'queued' || r.status === 'running');
  const status: ExportStatus = expired ? 'expired' : (r.status as ExportStatus);
  return {
    id: r.id,
    kind: r.kind as ExportKind,
    status,
    scope: r.scope,
    fileName: r.fileName,
    totalRows: r.totalRows,
    doneRows: r.doneRows,
    sizeBytes: r.sizeBytes,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt.toISOString(),
    downloadUrl: status === 'ready' ? `/api/v1/exports/${r.id}/download` : null,
  };
}

const exportNotFound = () => new AppError('NOT_FOUND', 'Export not found.');

/**
 * Starts an export for the caller: at most the home tenant's `exportPerHour` an hour (its API
 * limits; 10 by default; 429 with Retry-After, however it was started), the job enqueued
 * in the same transaction as its row (a failed start leaves neither), audited at home and in
 * every other tenant it reads. `contexts` are the tenants read, each already checked for the
 * kind's permission by the caller.
 */
export async function startExport(
  ctx: RequestContext,
  spec: { kind: ExportKind; params: object; contexts: readonly RequestContext[]; scope: string; fileName: string },
): Promise<ExportDto> {
  const permission = exportPermission[spec.kind];
  for (const c of spec.contexts) assertCan(c, permission);
  const home = ctx.homeTenant.id;
  const dto = await withHomeTenant(ctx, async (tx) => {
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${exportJobs.createdAt})` })
      .from(exportJobs)
      .where(and(eq(exportJobs.tenantId, home), eq(exportJobs.userId, ctx.user.id), gt(exportJobs.createdAt, sql`now() - interval '1 hour'`)));
    const perHour = ctx.rateLimits.exportPerHour;
    if ((recent?.n ?? 0) >= perHour) {
      const oldest = recent!.oldest ? new Date(recent!.oldest).getTime() : Date.now();
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + 3_600_000 - Date.now()) / 1000));
      const at = new Date(Date.now() + retryAfterSeconds * 1000).toISOString().slice(11, 16);
      throw new AppError('RATE_LIMIT_EXCEEDED', `You started ${perHour} exports in the last hour. Try again at ${at} UTC.`, { retryAfterSeconds });
    }
    const [row] = await tx
      .insert(exportJobs)
      .values({
        tenantId: home,
        userId: ctx.user.id,
        kind: spec.kind,
        params: spec.params,
        tenantIds: spec.contexts.map((c) => c.activeTenant.id),
        scope: spec.scope,
        fileName: spec.fileName,
        expiresAt: sql`now() + make_interval(days => ${EXPORT_DAYS})`,
      })
      .returning();
    await sendJobInTransaction(tx, 'export-build', { tenantId: home, exportId: row!.id });
    await recordAuditIn(tx, ctx, home, { action: `${spec.kind}.export`, resourceType: 'export', resourceId: row!.id, details: { scope: spec.scope } });
    return toExportDto(row!);
  });
  // Every tenant read through a link learns of the export in its own log.
  await Promise.all(
    spec.contexts
      .filter((c) => c.via === 'link')
      .map((c) => withTenant(c, (tx) => recordAudit(tx, c, { action: `${spec.kind}.export`, resourceType: 'export', resourceId: dto.id, details: { scope: spec.scope } }))),
  );
  return dto;
}

async function readMine(tx: Tx, ctx: RequestContext, id: string): Promise<Row> {
  const [row] = await tx.select().from(exportJobs).where(and(eq(exportJobs.tenantId, ctx.homeTenant.id), eq(exportJobs.userId, ctx.user.id), eq(exportJobs.id, id)));
  if (!row) throw exportNotFound();
  return row;
}

/** The caller's exports, newest first (the Exports panel). */
export async function listMyExports(ctx: RequestContext): Promise<ExportDto[]> {
  assertCan(ctx, 'account.read');
  return withHomeTenant(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(exportJobs)
      .where(and(eq(exportJobs.tenantId, ctx.homeTenant.id), eq(exportJobs.userId, ctx.user.id)))
      .orderBy(desc(exportJobs.createdAt))
      .limit(20);
    return rows.map((r) => toExportDto(r));
  });
}

/** One of the caller's exports; anyone else's is not found. */
export async function getMyExport(ctx: RequestContext, { id }: { id: string }): Promise<ExportDto> {
  assertCan(ctx, 'account.read');
  return withHomeTenant(ctx, async (tx) => toExportDto(await readMine(tx, ctx, id)));
}

/** Cancels a queued or running export (the builder stops at its next chunk). */
export async function cancelMyExport(ctx: RequestContext, { id }: { id: string }): Promise<ExportDto> {
  assertCan(ctx, 'account.read');
  return withHomeTenant(ctx, async (tx) => {
    await readMine(tx, ctx, id);
    const [row] = await tx
      .update(exportJobs)
      .set({ status: 'cancelled', finishedAt: sql`now()` })
      .where(and(eq(exportJobs.tenantId, ctx.homeTenant.id), eq(exportJobs.id, id), sql`${exportJobs.status} in ('queued', 'running')`))
      .returning();
    if (!row) throw new AppError('CONFLICT', 'This export has already finished.');
    await tx.delete(exportChunks).where(and(eq(exportChunks.tenantId, ctx.homeTenant.id), eq(exportChunks.exportId, id)));
    await recordAuditIn(tx, ctx, ctx.homeTenant.id, { action: 'export.cancel', resourceType: 'export', resourceId: id });
    return toExportDto(row);
  });
}

/**
 * The file of one of the caller's ready exports, streamed chunk by chunk. Refused when it has
 * expired (410), when it is someone else's (404), or when the caller no longer holds the kind's
 * permission in every tenant it covers (403 TENANT_ACCESS_DENIED naming them: a link that ended
 * takes the file with it). Audited at home and in each tenant read through a link.
 */
export async function downloadMyExport(ctx: RequestContext, { id }: { id: string }, contextsOf: (tenantIds: readonly string[]) => Promise<Map<string, RequestContext | null>>): Promise<{ fileName: string; sizeBytes: number; body: ReadableStream<Uint8Array> }> {
  assertCan(ctx, 'account.read');
  const row = await withHomeTenant(ctx, (tx) => readMine(tx, ctx, id));
  const dto = toExportDto(row);
  if (dto.status === 'expired') throw new AppError('EXPORT_EXPIRED', 'This export has expired. Start a new one.', { expiresAt: dto.expiresAt });
  if (dto.status !== 'ready') throw new AppError('CONFLICT', `This export is ${dto.status}; there is no file to download.`);
  const permission = exportPermission[row.kind as ExportKind];
  const contexts = await contextsOf(row.tenantIds);
  const denied = row.tenantIds.filter((t) => {
    const c = contexts.get(t);
    if (!c || !can(c, permission)) return true;
    return false;
  });
  if (denied.length > 0) throw new AppError('TENANT_ACCESS_DENIED', `You can no longer read ${denied.length === 1 ? 'one tenant' : `${denied.length} tenants`} in this export.`, { tenantIds: denied });
  if (row.kind === 'users') for (const t of row.tenantIds) await withTenant(contexts.get(t)!, (tx) => assertFeatureIn(tx, contexts.get(t)!, 'bulk_export'));
  await withHomeTenant(ctx, (tx) => recordAuditIn(tx, ctx, ctx.homeTenant.id, { action: 'export.download', resourceType: 'export', resourceId: id, details: { kind: row.kind, sizeBytes: row.sizeBytes } }));
  await Promise.all(
    [...contexts.values()]
      .filter((c): c is RequestContext => c !== null && c.via === 'link')
      .map((c) => withTenant(c, (tx) => recordAudit(tx, c, { action: 'export.download', resourceType: 'export', resourceId: id, details: { kind: row.kind } }))),
  );
  let seq = -1;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const [chunk] = await withHomeTenant(ctx, (tx) =>
        tx
          .select({ seq: exportChunks.seq, data: exportChunks.data })
          .from(exportChunks)
          .where(and(eq(exportChunks.tenantId, row.tenantId), eq(exportChunks.exportId, id), gt(exportChunks.seq, seq)))
          .orderBy(asc(exportChunks.seq))
          .limit(1),
      );
      if (!chunk) return controller.close();
      seq = chunk.seq;
      controller.enqueue(new Uint8Array(chunk.data));
    },
  });
  return { fileName: row.fileName, sizeBytes: row.sizeBytes, body };
}

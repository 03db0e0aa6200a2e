import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { tenantExports } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { sendJobInTransaction } from '../internal/jobs';
import type { RequestContext } from '@/lib/tenancy/context';
import { DELETE_AFTER_STOPPED_DAYS, type TenantExportDto } from '@/lib/validation/offboarding';
import { recordAudit, recordAuditIn } from '../audit';
import { withPlatformScope } from './scope';

// Tenant offboarding for platform operators: an export of one tenant's data (a job builds the
// ZIP in the tenant's own scope) and, 30 days after the tenant was stopped, the deletion of its
// data (its registry entry and its audit trail stay, so the digest chain still verifies).

const columns = {
  id: tenantExports.id,
  status: tenantExports.status,
  requestedBy: tenantExports.requestedBy,
  tables: tenantExports.tables,
  rows: tenantExports.rows,
  sizeBytes: tenantExports.sizeBytes,
  error: tenantExports.error,
  createdAt: tenantExports.createdAt,
  finishedAt: tenantExports.finishedAt,
};
type Row = Pick<typeof tenantExports.$inferSelect, keyof typeof columns>;
const toDto = (r: Row): TenantExportDto => ({
  ...r,
  status: r.status as TenantExportDto['status'],
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** Queues an export of one tenant (platform.tenants.manage), audited in both tenants. */
export async function requestTenantExport(ctx: RequestContext, { id }: { id: string }): Promise<TenantExportDto> {
  return withPlatformScope(ctx, 'platform.tenants.manage', async ({ tx, enter, home }) => {
    const tenant = await enter({ id });
    if (tenant.isPlatform) throw new AppError('VALIDATION_ERROR', 'The platform tenant is not exported here.');
    const [row] = await tx.insert(tenantExports).values({ tenantId: tenant.id, requestedBy: ctx.user.email }).returning(columns);
    const job = await sendJobInTransaction(tx, 'tenant-export', { tenantId: tenant.id, exportId: row!.id });
    if (!job) throw new Error('the tenant-export queue refused the job');
    await recordAuditIn(tx, ctx, tenant.id, { action: 'tenant.export_requested', resourceType: 'tenant_export', resourceId: row!.id }, 'platform');
    await home();
    await recordAudit(tx, ctx, { action: 'tenant.export_requested', resourceType: 'tenant', resourceId: tenant.id, details: { exportId: row!.id } });
    return toDto(row!);
  });
}

/** A tenant's exports, newest first (platform.tenants.read). */
export async function listTenantExports(ctx: RequestContext, { id }: { id: string }): Promise<TenantExportDto[]> {
  return withPlatformScope(ctx, 'platform.tenants.read', async ({ tx, enter }) => {
    const tenant = await enter({ id });
    const rows = await tx.select(columns).from(tenantExports).where(eq(tenantExports.tenantId, tenant.id)).orderBy(desc(tenantExports.createdAt)).limit(20);
    return rows.map(toDto);
  });
}

/** A finished export's ZIP (platform.tenants.manage); each download is audited in both tenants. */
export async function getTenantExportFile(ctx: RequestContext, { id, exportId }: { id: string; exportId: string }): Promise<{ fileName: string; data: Buffer }> {
  return withPlatformScope(ctx, 'platform.tenants.manage', async ({ tx, enter, home }) => {
    const tenant = await enter({ id });
    const [row] = await tx
      .select({ status: tenantExports.status, data: tenantExports.data, createdAt: tenantExports.createdAt })
      .from(tenantExports)
      .where(and(eq(tenantExports.tenantId, tenant.id), eq(tenantExports.id, exportId)));
    if (!row) throw notFound('Export');
    if (row.status !== 'done' || !row.data) throw new AppError('CONFLICT', `This export is ${row.status}; download it once it is done.`);
    await recordAuditIn(tx, ctx, tenant.id, { action: 'tenant.export_downloaded', resourceType: 'tenant_export', resourceId: exportId }, 'platform');
    await home();
    await recordAudit(tx, ctx, { action: 'tenant.export_downloaded', resourceType: 'tenant', resourceId: tenant.id, details: { exportId } });
    return { fileName: `${tenant.slug}-export-${row.createdAt.toISOString().slice(0, 10)}.zip`, data: row.data };
  });
}

type DeleteOutcome = { outcome: 'deleted'; rows: number; passes: number } | { outcome: 'not_found' | 'platform' | 'not_stopped' } | { outcome: 'already_deleted'; deletedAt: string } | { outcome: 'too_early'; deletableFrom: string };

/**
 * Deletes a stopped tenant's data for good (platform.tenants.manage), the slug typed to confirm:
 * every row of every tenant table but its audit trail, and the registry entry's contact details.
 * Refused until the tenant has been stopped for 30 days.
 */
export async function deleteTenantData(ctx: RequestContext, { id, confirm }: { id: string; confirm: string }): Promise<{ deletedRows: number }> {
  return withPlatformScope(ctx, 'platform.tenants.manage', async ({ tx, find, enter, home }) => {
    const tenant = await find({ id });
    if (!tenant) throw notFound('Tenant');
    if (confirm.trim() !== tenant.slug) {
      throw new AppError('VALIDATION_ERROR', `Type ${tenant.slug} to confirm.`, { fieldErrors: { confirm: [`Type ${tenant.slug} to confirm.`] } });
    }
    const [result] = await tx.execute<{ r: DeleteOutcome }>(sql`select portal_delete_tenant_data(${tenant.id}, ${DELETE_AFTER_STOPPED_DAYS}) as r`);
    const r = result!.r;
    switch (r.outcome) {
      case 'not_found':
        throw notFound('Tenant');
      case 'platform':
        throw new AppError('VALIDATION_ERROR', 'The platform tenant cannot be deleted.');
      case 'not_stopped':
        throw new AppError('CONFLICT', `Stop ${tenant.name} first; its data can be deleted ${DELETE_AFTER_STOPPED_DAYS} days later.`);
      case 'already_deleted':
        throw new AppError('CONFLICT', `${tenant.name}'s data was already deleted on ${r.deletedAt.slice(0, 10)}.`);
      case 'too_early':
        throw new AppError('CONFLICT', `${tenant.name} was stopped less than ${DELETE_AFTER_STOPPED_DAYS} days ago; its data can be deleted from ${r.deletableFrom.slice(0, 10)}.`, { deletableFrom: r.deletableFrom });
    }
    await enter({ id: tenant.id });
    await recordAuditIn(tx, ctx, tenant.id, { action: 'tenant.data_deleted', resourceType: 'tenant', resourceId: tenant.id, details: { rows: r.rows } }, 'platform');
    await home();
    await recordAudit(tx, ctx, { action: 'tenant.data_deleted', resourceType: 'tenant', resourceId: tenant.id, details: { rows: r.rows, slug: tenant.slug } });
    return { deletedRows: r.rows };
  });
}

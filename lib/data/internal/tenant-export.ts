import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { tenantScopedTables } from '@/db/grants';
import { tenantExports, tenants } from '@/db/schema';
import { csvRow } from '@/lib/csv';
import { log } from '@/lib/log';
import { recordSystemAudit } from '../audit';
import { inTenantScope } from '../tx';

// The `tenant-export` job: one tenant's data as a ZIP of one CSV per tenant table, read in that
// tenant's own scope (RLS applies) from the ids in its payload. Secrets stay out: password,
// token and code hashes, KYC document bytes, idempotency answers and earlier exports' files.

const payload = z.object({ tenantId: z.uuid(), exportId: z.uuid() });
export type ExportJob = z.infer<typeof payload>;
export const isExportJob = (data: unknown): data is ExportJob => payload.safeParse(data).success;

/** Tables left out whole, and columns left out of the others. */
const skippedTables = new Set(['tenant_exports', 'idempotency_keys', 'subscription_codes', 'export_chunks']);
const hiddenColumns: Record<string, readonly string[]> = {
  users: ['password_hash'],
  password_tokens: ['token_hash'],
  kyc_files: ['data'],
  // Credentials: the export is the tenant's data, not the keys to act as it or sign for it.
  api_keys: ['secret_hash'],
  webhook_endpoints: ['secret', 'previous_secret'],
  user_mfa: ['secret'],
  mfa_recovery_codes: ['code_hash'],
};

const cell = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? '' : v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

/**
 * Builds the export the payload names, once: the row goes queued -> running -> done (or failed)
 * by conditional updates, so a second delivery of the job finds nothing queued and does nothing.
 */
export async function unsafeRunTenantExport({ tenantId, exportId }: ExportJob): Promise<{ exportId: string; status: string; rows?: number; sizeBytes?: number }> {
  const mine = and(eq(tenantExports.tenantId, tenantId), eq(tenantExports.id, exportId));
  const claimed = await inTenantScope({ tenantId }, (tx) =>
    tx.update(tenantExports).set({ status: 'running' }).where(and(mine, eq(tenantExports.status, 'queued'))).returning({ id: tenantExports.id }),
  );
  if (claimed.length === 0) return { exportId, status: 'not queued' };
  try {
    const files: Record<string, Uint8Array> = {};
    let rows = 0;
    await inTenantScope({ tenantId }, async (tx) => {
      const [registry] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
      files['tenant.csv'] = strToU8(`${csvRow(Object.keys(registry ?? {}))}\n${csvRow(Object.values(registry ?? {}).map(cell))}\n`);
      for (const table of tenantScopedTables) {
        if (skippedTables.has(table)) continue;
        const result = await tx.execute<Record<string, unknown>>(sql`select * from ${sql.identifier(table)} where tenant_id = ${tenantId}`);
        const hidden = hiddenColumns[table] ?? [];
        const columns = ((result as unknown as { columns?: { name: string }[] }).columns ?? []).map((c) => c.name).filter((c) => !hidden.includes(c));
        const lines = [csvRow(columns), ...result.map((r) => csvRow(columns.map((c) => cell(r[c]))))];
        files[`${table}.csv`] = strToU8(lines.join('\n') + '\n');
        rows += result.length;
      }
    });
    files['README.txt'] = strToU8(
      `Export of tenant ${tenantId}, made ${new Date().toISOString()}.\nOne CSV per table, with a header row; tenant.csv is its registry entry.\n` +
        'Left out: password, token and code hashes, KYC document files (their names and hashes are in kyc_files.csv), idempotency answers and earlier exports (their files).\n',
    );
    const zip = Buffer.from(zipSync(files, { level: 6 }));
    await inTenantScope({ tenantId }, async (tx) => {
      await tx
        .update(tenantExports)
        .set({ status: 'done', data: zip, sizeBytes: zip.length, rows, tables: Object.keys(files).length - 2, finishedAt: sql`now()` })
        .where(and(mine, eq(tenantExports.status, 'running')));
      await recordSystemAudit(tx, tenantId, { action: 'tenant.export_built', resourceType: 'tenant_export', resourceId: exportId, details: { rows, sizeBytes: zip.length } });
    });
    return { exportId, status: 'done', rows, sizeBytes: zip.length };
  } catch (error) {
    log('error', 'tenant export failed', { tenantId, exportId, error: error instanceof Error ? error.name : typeof error });
    await inTenantScope({ tenantId }, (tx) =>
      tx.update(tenantExports).set({ status: 'failed', error: 'The export could not be built; request a new one.', finishedAt: sql`now()` }).where(mine),
    );
    return { exportId, status: 'failed' };
  }
}

import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { auditEvents, exportChunks, exportJobs, invoices, tenants, users } from '@/db/schema';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { auditConditions } from '../audit-log';
import { appDb } from '../db';
import { invoiceConditions } from '../billing';
import { exportParams, type ExportKind } from '../exports';
import { userConditions } from '../users';
import { inTenantScope, type Tx } from '../tx';

// The `export-build` job: the rows of an export, read with COPY ... TO STDOUT in each tenant's own
// scope (RLS applies) and cut into ~1 MB chunks stored in PostgreSQL. Memory stays flat: the COPY
// stream is read with backpressure and at most one chunk is held. A retried job rebuilds the
// file whole (its `attempt` fences the earlier builder out), so a crash leaves no duplicate row.

const payload = z.object({ tenantId: z.uuid(), exportId: z.uuid() });
export type ExportBuildJob = z.infer<typeof payload>;
export const isExportBuildJob = (data: unknown): data is ExportBuildJob => payload.safeParse(data).success;

export const CHUNK_BYTES = 1024 * 1024;

const utc = (col: SQL | unknown) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Each kind's columns (header names and SQL) and its filters, for one tenant. */
type Source = { columns: Record<string, SQL>; from: (tx: Tx, cols: Record<string, SQL.Aliased>, tenantId: string, params: never) => PgSelect };

const sources: Record<ExportKind, Source> = {
  invoices: {
    columns: {
      invoice_number: sql`${invoices.number}`,
      tenant: sql`${tenants.name}`,
      customer_name: sql`${users.name}`,
      customer_email: sql`${users.email}`,
      status: sql`${invoices.status}`,
      overdue: sql`(${invoices.status} = 'open' and ${invoices.dueAt} < now())`,
      currency: sql`${invoices.currency}`,
      subtotal_minor: sql`${invoices.subtotalMinor}`,
      tax_minor: sql`${invoices.taxMinor}`,
      total_minor: sql`${invoices.totalMinor}`,
      paid_minor: sql`${invoices.amountPaidMinor}`,
      balance_minor: sql`case when ${invoices.status} in ('open', 'uncollectible') then ${invoices.totalMinor} - ${invoices.amountPaidMinor} else 0 end`,
      invoice_date: utc(invoices.issuedAt),
      due_date: utc(invoices.dueAt),
      period_start: utc(invoices.periodStart),
      period_end: utc(invoices.periodEnd),
      paid_at: utc(invoices.paidAt),
    },
    from: (tx, cols, tenantId, params: z.output<typeof exportParams.invoices>) =>
      tx
        .select(cols)
        .from(invoices)
        .innerJoin(users, and(eq(users.tenantId, invoices.tenantId), eq(users.id, invoices.userId)))
        .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
        .where(and(inArray(invoices.tenantId, [tenantId]), ...invoiceConditions(params)))
        .orderBy(sql`${invoices.issuedAt} desc`, sql`${invoices.id} desc`)
        .$dynamic(),
  },
  users: {
    columns: { id: sql`${users.id}`, email: sql`${users.email}`, name: sql`${users.name}`, type: sql`${users.type}`, status: sql`${users.status}`, created_at: utc(users.createdAt) },
    from: (tx, cols, tenantId, params: z.output<typeof exportParams.users>) =>
      tx
        .select(cols)
        .from(users)
        .where(and(...userConditions(tenantId, params)))
        .orderBy(sql`${users.createdAt} desc`, sql`${users.id} desc`)
        .$dynamic(),
  },
  audit: {
    columns: {
      seq: sql`${auditEvents.seq}`,
      occurred_at: utc(auditEvents.occurredAt),
      actor: sql`${auditEvents.actorLabel}`,
      actor_tenant: sql`${tenants.name}`,
      via: sql`${auditEvents.via}`,
      action: sql`${auditEvents.action}`,
      resource_type: sql`${auditEvents.resourceType}`,
      resource_id: sql`${auditEvents.resourceId}`,
      outcome: sql`${auditEvents.outcome}`,
      request_id: sql`${auditEvents.requestId}`,
      ip: sql`host(${auditEvents.ip})`,
    },
    from: (tx, cols, tenantId, params: z.output<typeof exportParams.audit>) =>
      tx
        .select(cols)
        .from(auditEvents)
        .leftJoin(tenants, eq(tenants.id, auditEvents.actorTenantId))
        .where(and(...auditConditions(tenantId, params)))
        .orderBy(sql`${auditEvents.occurredAt} desc`, sql`${auditEvents.seq} desc`)
        .$dynamic(),
  },
};

/** A bind parameter as a SQL literal (COPY takes no parameters). Only the types our filters produce. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  // standard_conforming_strings is on in the COPY's transaction: a quote is the only escape.
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  throw new Error(`export: no literal for a ${typeof v}`);
}

/** A spreadsheet formula in a cell is defused with a leading quote (OWASP CSV injection). */
const defused = (alias: string) => `case when left(q."${alias}"::text, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || q."${alias}"::text else q."${alias}"::text end`;

function selectOf(kind: ExportKind, tx: Tx, tenantId: string, params: unknown) {
  const source = sources[kind];
  const cols = Object.fromEntries(Object.entries(source.columns).map(([name, expr]) => [name, expr.as(name)]));
  return source.from(tx, cols, tenantId, params as never);
}

/** The COPY statement for one tenant's part of an export, with the filters inlined as literals. */
export function copyStatement(kind: ExportKind, tx: Tx, tenantId: string, params: unknown): string {
  const q = selectOf(kind, tx, tenantId, params).toSQL();
  const inner = q.sql.replace(/\$(\d+)/g, (_, i: string) => literal(q.params[Number(i) - 1]));
  const names = Object.keys(sources[kind].columns);
  return `copy (select ${names.map(defused).join(', ')} from (${inner}) q) to stdout with (format csv)`;
}

export const headerOf = (kind: ExportKind) => Object.keys(sources[kind].columns).join(',') + '\n';

class Superseded extends Error {}

/** Appends chunks of ~1 MB to the export, fenced by its attempt; stops when it was cancelled or rebuilt. */
class ChunkWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private rows = 0;
  private seq = 0;
  constructor(private readonly job: { tenantId: string; id: string; attempt: number }, private readonly chunkBytes: number) {}

  async write(data: Buffer): Promise<void> {
    this.parts.push(data);
    this.size += data.length;
    for (const byte of data) if (byte === 10) this.rows++;
    if (this.size >= this.chunkBytes) await this.flush();
  }

  async flush(extra: { status?: 'ready' } = {}): Promise<void> {
    const all = Buffer.concat(this.parts);
    // A chunk ends at a line break, so it is whole UTF-8 text (a break is never inside a
    // multi-byte character); the rest starts the next chunk.
    const cut = extra.status ? all.length : all.lastIndexOf(10) + 1;
    const data = all.subarray(0, cut);
    const rest = all.subarray(cut);
    let rows = this.rows;
    for (const byte of rest) if (byte === 10) rows--;
    this.parts = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.size = rest.length;
    this.rows = this.rows - rows;
    await inTenantScope({ tenantId: this.job.tenantId }, async (tx) => {
      const [mine] = await tx
        .update(exportJobs)
        .set({
          doneRows: sql`${exportJobs.doneRows} + ${rows}`,
          sizeBytes: sql`${exportJobs.sizeBytes} + ${data.length}`,
          ...(extra.status ? { status: extra.status, finishedAt: sql`now()` } : {}),
        })
        .where(and(eq(exportJobs.tenantId, this.job.tenantId), eq(exportJobs.id, this.job.id), eq(exportJobs.attempt, this.job.attempt), eq(exportJobs.status, 'running')))
        .returning({ id: exportJobs.id });
      if (!mine) throw new Superseded();
      // Sent as text and stored as its UTF-8 bytes: bytea's text form (hex) would make every
      // megabyte four more of garbage in this process (the copy, the hex, the message).
      if (data.length > 0) await tx.insert(exportChunks).values({ tenantId: this.job.tenantId, exportId: this.job.id, seq: this.seq++, data: sql`convert_to(${data.toString('utf8')}, 'UTF8')` });
    });
  }
}

/**
 * Builds the export the payload names. Claims it (queued, or running from an attempt that died:
 * the file so far is deleted and rebuilt), counts the rows (the progress bar's total), then
 * streams each tenant's rows. A cancel, or a newer attempt, stops it at the next chunk.
 */
export async function unsafeBuildExport({ tenantId, exportId }: ExportBuildJob, opts: { chunkBytes?: number } = {}): Promise<{ exportId: string; status: string; rows?: number }> {
  const mine = and(eq(exportJobs.tenantId, tenantId), eq(exportJobs.id, exportId));
  const claimed = await inTenantScope({ tenantId }, async (tx) => {
    const [row] = await tx
      .update(exportJobs)
      .set({ status: 'running', attempt: sql`${exportJobs.attempt} + 1`, startedAt: sql`now()`, doneRows: 0, sizeBytes: 0, totalRows: null, error: null })
      .where(and(mine, sql`${exportJobs.status} in ('queued', 'running')`, sql`${exportJobs.expiresAt} > now()`))
      .returning();
    if (row) await tx.delete(exportChunks).where(and(eq(exportChunks.tenantId, tenantId), eq(exportChunks.exportId, exportId)));
    return row;
  });
  if (!claimed) return { exportId, status: 'not queued' };
  const kind = claimed.kind as ExportKind;
  const params = exportParams[kind].parse(claimed.params);
  const scopeOf = (t: string) => ({ tenantId: t, userId: claimed.userId });
  try {
    let total = 0;
    for (const t of claimed.tenantIds) {
      const [row] = await inTenantScope(scopeOf(t), (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(selectOf(kind, tx, t, params).as('q')));
      total += row?.n ?? 0;
    }
    await inTenantScope({ tenantId }, (tx) => tx.update(exportJobs).set({ totalRows: total }).where(and(mine, eq(exportJobs.attempt, claimed.attempt))));
    const writer = new ChunkWriter({ tenantId, id: exportId, attempt: claimed.attempt }, opts.chunkBytes ?? CHUNK_BYTES);
    const header = Buffer.from(headerOf(kind));
    await writer.write(header);
    // Each tenant's COPY runs on a connection of its own, opened with that tenant's scope as its
    // startup settings (RLS reads exactly that tenant) and closed after: its stream is paused
    // while a chunk is written through the pool, and nothing else ever runs on it.
    for (const t of claimed.tenantIds) {
      const statement = await inTenantScope(scopeOf(t), async (tx) => copyStatement(kind, tx, t, params));
      const copier = postgres(env().DATABASE_APP_URL, {
        max: 1,
        onnotice: () => {},
        connection: { application_name: 'partner-portal-export', standard_conforming_strings: 'on', 'app.tenant_id': t, 'app.tenant_ids': `{${t}}`, 'app.user_id': claimed.userId },
      });
      try {
        const stream = await copier.unsafe(statement).readable();
        // Backpressure: the next piece of the COPY is read only once this one is written.
        await pipeline(stream, new Writable({ write: (chunk: Buffer, _encoding, done) => void writer.write(chunk).then(() => done(), done) }));
      } finally {
        await copier.end({ timeout: 5 });
      }
    }
    await writer.flush({ status: 'ready' });
    // The header line is not a row.
    await inTenantScope({ tenantId }, (tx) => tx.update(exportJobs).set({ doneRows: total }).where(and(mine, eq(exportJobs.attempt, claimed.attempt))));
    return { exportId, status: 'ready', rows: total };
  } catch (error) {
    if (error instanceof Superseded) return { exportId, status: 'stopped' };
    log('error', 'export failed', { exportId, error: error instanceof Error ? error.name : typeof error });
    await inTenantScope({ tenantId }, (tx) =>
      tx
        .update(exportJobs)
        .set({ status: 'failed', error: 'The export could not be built; start it again.', finishedAt: sql`now()` })
        .where(and(mine, eq(exportJobs.attempt, claimed.attempt), eq(exportJobs.status, 'running'))),
    );
    return { exportId, status: 'failed' };
  }
}

/** The files of exports that expired, were cancelled or failed (hourly). */
export async function unsafePruneExports(): Promise<{ pruned: number }> {
  let pruned = 0;
  for (const t of await appDb().select({ id: tenants.id }).from(tenants)) {
    pruned += await inTenantScope({ tenantId: t.id }, async (tx) => {
      const gone = await tx.execute<{ n: number }>(sql`
        with stale as (
          select id from ${exportJobs} where tenant_id = ${t.id} and (expires_at <= now() or status in ('cancelled', 'failed')))
        delete from ${exportChunks} c using stale where c.tenant_id = ${t.id} and c.export_id = stale.id returning 1 as n`);
      return gone.length;
    });
  }
  return { pruned };
}

import 'server-only';
import { and, desc, eq, gte, ilike, like, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, tenants } from '@/db/schema';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { type AuditEventDto, type AuditFilters, type ChainVerdictDto, auditFiltersSchema, listAuditSchema, type ListAuditInput } from '@/lib/validation/audit';
import { decodeCursor, encodeCursor, type Page } from '@/lib/validation/common';
import { csvCell } from '@/lib/csv';
import { auditLinkRead, recordAudit } from './audit';
import { unsafeVerifyTenantAudit } from './internal/audit-seal';
import { withTenant, type Tx } from './tx';

const cursorShape = z.object({ c: z.string().max(40), s: z.number().int() });
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function auditQuery(tx: Tx, tenantId: string, f: AuditFilters, after: { c: string; s: number } | null, limit: number) {
  const where: (SQL | undefined)[] = [
    eq(auditEvents.tenantId, tenantId),
    f.actor ? ilike(auditEvents.actorLabel, `%${escapeLike(f.actor)}%`) : undefined,
    f.partner ? eq(tenants.slug, f.partner) : undefined,
    f.action ? like(auditEvents.action, `${escapeLike(f.action)}%`) : undefined,
    f.resourceType ? eq(auditEvents.resourceType, f.resourceType) : undefined,
    f.resourceId ? eq(auditEvents.resourceId, f.resourceId) : undefined,
    f.via ? eq(auditEvents.via, f.via) : undefined,
    f.from ? gte(auditEvents.occurredAt, new Date(f.from)) : undefined,
    f.to ? lte(auditEvents.occurredAt, new Date(f.to)) : undefined,
    after ? sql`(${auditEvents.occurredAt}, ${auditEvents.seq}) < (${after.c}::timestamptz, ${after.s})` : undefined,
  ];
  return tx
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      key: sql<string>`${auditEvents.occurredAt}::text`,
      actor: auditEvents.actorLabel,
      actorTenant: tenants.name,
      via: auditEvents.via,
      action: auditEvents.action,
      resourceType: auditEvents.resourceType,
      resourceId: auditEvents.resourceId,
      outcome: auditEvents.outcome,
      requestId: auditEvents.requestId,
      ip: sql<string | null>`host(${auditEvents.ip})`,
    })
    .from(auditEvents)
    .leftJoin(tenants, eq(tenants.id, auditEvents.actorTenantId))
    .where(and(...where))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.seq))
    .limit(limit);
}

type Row = Awaited<ReturnType<typeof auditQuery>>[number];
const toDto = ({ key: _, occurredAt, ...r }: Row): AuditEventDto => ({ ...r, occurredAt: occurredAt.toISOString() });

/** The active tenant's audit log, newest first, keyset-paginated; reads through a link are audited. */
export async function listAuditEvents(ctx: RequestContext, input: ListAuditInput): Promise<Page<AuditEventDto>> {
  assertCan(ctx, 'audit.read');
  const { cursor, limit, ...filters } = listAuditSchema.parse(input);
  const after = decodeCursor(cursor, cursorShape);
  return withTenant(ctx, async (tx) => {
    const rows = await auditQuery(tx, ctx.activeTenant.id, filters, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    await auditLinkRead(tx, ctx, { action: 'audit.list', resourceType: 'audit_event', details: { count: page.length } });
    return {
      items: page.map(toDto),
      nextCursor: rows.length > limit && last ? encodeCursor({ c: last.key, s: last.seq }) : null,
    };
  });
}

const CSV_COLUMNS = ['seq', 'occurredAt', 'actor', 'actorTenant', 'via', 'action', 'resourceType', 'resourceId', 'outcome', 'requestId', 'ip'] as const;

/**
 * The matching events as CSV, streamed page by page (1,000 rows per transaction). The export
 * itself is audited before the first row leaves.
 */
export async function exportAuditCsv(ctx: RequestContext, input: z.input<typeof auditFiltersSchema>): Promise<ReadableStream<Uint8Array>> {
  assertCan(ctx, 'audit.export');
  const filters = auditFiltersSchema.parse(input);
  await withTenant(ctx, (tx) => recordAudit(tx, ctx, { action: 'audit.export', resourceType: 'audit_event', details: { filters } }));
  const encoder = new TextEncoder();
  let after: { c: string; s: number } | null = null;
  let header = true;
  return new ReadableStream({
    async pull(controller) {
      if (header) {
        header = false;
        controller.enqueue(encoder.encode(CSV_COLUMNS.join(',') + '\n'));
        return;
      }
      const rows = await withTenant(ctx, (tx) => auditQuery(tx, ctx.activeTenant.id, filters, after, 1000));
      if (rows.length === 0) return controller.close();
      const last = rows.at(-1)!;
      after = { c: last.key, s: last.seq };
      controller.enqueue(encoder.encode(rows.map((r) => CSV_COLUMNS.map((c) => csvCell(toDto(r)[c])).join(',')).join('\n') + '\n'));
    },
  });
}

/** Recomputes the active tenant's sealed chain; reports the first event or digest that does not match. */
export async function verifyAuditChain(ctx: RequestContext): Promise<ChainVerdictDto> {
  assertCan(ctx, 'audit.verify');
  const verdict = await unsafeVerifyTenantAudit(ctx.activeTenant.id);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.execute<{ unsealed: number }>(sql`
      select count(*)::int as unsealed from audit_events e where e.tenant_id = ${ctx.activeTenant.id}
      and not exists (select 1 from audit_digest_events d where d.tenant_id = e.tenant_id and d.event_seq = e.seq)`);
    await recordAudit(tx, ctx, { action: 'audit.verify', resourceType: 'audit_chain', outcome: verdict.ok ? 'success' : 'failure', details: { ...verdict } });
    return { ...verdict, unsealed: row?.unsealed ?? 0 };
  });
}

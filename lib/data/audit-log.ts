import 'server-only';
import { and, desc, eq, gte, ilike, like, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, tenants } from '@/db/schema';
import { assertCan, assertHomeCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { type AuditEventDto, type AuditFilters, type ChainVerdictDto, auditFiltersSchema, listAuditSchema, type ListAuditInput } from '@/lib/validation/audit';
import { timestampKeySchema, type Page } from '@/lib/validation/common';
import { auditLinkRead, recordAudit } from './audit';
import { unsafeVerifyTenantAudit } from './internal/audit-seal';
import { startExport, type ExportDto } from './exports';
import { containsPattern, prefixPattern, readCursor, toPage } from './list';
import { withTenant, type Tx } from './tx';

const cursorShape = z.object({ c: timestampKeySchema, s: z.number().int().positive() });

/** The filters of the list and the export, as SQL on audit_events (joined to tenants as the actor's). */
export function auditConditions(tenantId: string, f: AuditFilters, after: { c: string; s: number } | null = null): (SQL | undefined)[] {
  return [
    eq(auditEvents.tenantId, tenantId),
    f.actor ? ilike(auditEvents.actorLabel, containsPattern(f.actor)) : undefined,
    f.partner ? eq(tenants.slug, f.partner) : undefined,
    f.action ? like(auditEvents.action, prefixPattern(f.action)) : undefined,
    f.resourceType ? eq(auditEvents.resourceType, f.resourceType) : undefined,
    f.resourceId ? eq(auditEvents.resourceId, f.resourceId) : undefined,
    f.via ? eq(auditEvents.via, f.via) : undefined,
    f.from ? gte(auditEvents.occurredAt, new Date(f.from)) : undefined,
    f.to ? lte(auditEvents.occurredAt, new Date(f.to)) : undefined,
    after ? sql`(${auditEvents.occurredAt}, ${auditEvents.seq}) < (${after.c}::timestamptz, ${after.s})` : undefined,
  ];
}

/** The list query, exported so a test can EXPLAIN exactly what runs. */
export function auditQuery(tx: Tx, tenantId: string, f: AuditFilters, after: { c: string; s: number } | null, limit: number) {
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
    .where(and(...auditConditions(tenantId, f, after)))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.seq))
    .limit(limit);
}

type Row = Awaited<ReturnType<typeof auditQuery>>[number];
const toDto = ({ key: _, occurredAt, ...r }: Row): AuditEventDto => ({ ...r, occurredAt: occurredAt.toISOString() });

/** The active tenant's audit log, newest first, keyset-paginated; reads through a link are audited. */
export async function listAuditEvents(ctx: RequestContext, input: ListAuditInput): Promise<Page<AuditEventDto>> {
  assertCan(ctx, 'audit.read');
  const { cursor, limit, ...filters } = listAuditSchema.parse(input);
  const after = readCursor(cursor, cursorShape);
  return withTenant(ctx, async (tx) => {
    const rows = await auditQuery(tx, ctx.activeTenant.id, filters, after, limit + 1);
    const page = toPage(rows, limit, toDto, (last) => ({ c: last.key, s: last.seq }));
    await auditLinkRead(tx, ctx, { action: 'audit.list', resourceType: 'audit_event', details: { count: page.items.length } });
    return page;
  });
}

/** The Access workspace: what partners' staff did in the caller's own tenant through links. Home only. */
export async function listPartnerAccess(ctx: RequestContext, { cursor, limit }: { cursor?: string; limit?: number }): Promise<Page<AuditEventDto>> {
  assertHomeCan(ctx, 'audit.read');
  return listAuditEvents(ctx, { via: 'link', limit: limit ?? 50, cursor });
}

/** The matching events as a CSV export job (lib/data/exports.ts); answers at once. */
export async function startAuditExport(ctx: RequestContext, input: z.input<typeof auditFiltersSchema>): Promise<ExportDto> {
  assertCan(ctx, 'audit.export');
  const params = auditFiltersSchema.parse(input);
  const words = Object.entries(params).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k} = ${String(v)}`).join(', ');
  return startExport(ctx, { kind: 'audit', params, contexts: [ctx], scope: `Audit log of ${ctx.activeTenant.name}${words ? `, ${words}` : ''}`, fileName: `audit-${ctx.activeTenant.slug}-${new Date().toISOString().slice(0, 10)}.csv` });
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

import 'server-only';
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { createBuiltInRoles } from '@/db/roles';
import { partnerTenantLinks, sessions, tenants, userRoles, users } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { pgErrorCode } from './pg';
import type { RequestContext } from '@/lib/tenancy/context';
import type { Page } from '@/lib/validation/common';
import {
  listTenantsSchema,
  registerTenantSchema,
  updateTenantSchema,
  type ListTenantsInput,
  type RegisterTenantInput,
  type TenantRegistryDto,
  type UpdateTenantInput,
} from '@/lib/validation/registry';
import { mailPasswordLinks } from './internal/password-tokens';
import { emitEvent } from './internal/webhook-events';
import { recordAudit, recordAuditIn } from './audit';
import { containsPattern, readCursor, toPage } from './list';
import { withPlatformScope } from './platform/scope';
import type { Tx } from './tx';

// The partner registry belongs to platform operators: names, status and counts of every tenant,
// never a tenant's users, plans, invoices or tickets. Writes that reach into a tenant (its first
// admin, ending its sessions and links) switch the transaction's scope explicitly.

const cursorShape = z.object({ n: z.string().max(200), i: z.uuid() });
const PASSWORD_TOKEN_DAYS = 7;

const registryColumns = {
  id: tenants.id,
  slug: tenants.slug,
  providerCode: sql<string>`${tenants.providerCode}`,
  name: tenants.name,
  legalName: tenants.legalName,
  contactEmail: tenants.contactEmail,
  country: tenants.country,
  status: tenants.status,
  onboardedOn: tenants.onboardedOn,
  stoppedAt: sql<string | null>`to_char(${tenants.stoppedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
  deletedAt: sql<string | null>`to_char(${tenants.deletedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
};

async function withStats(tx: Tx, rows: Omit<TenantRegistryDto, 'users' | 'liveLinks'>[]): Promise<TenantRegistryDto[]> {
  if (rows.length === 0) return [];
  const stats = await tx.execute<{ tenant_id: string; users: number; live_links: number }>(
    sql`select tenant_id, users::int, live_links::int from registry_stats(${`{${rows.map((r) => r.id).join(',')}}`}::uuid[])`,
  );
  const byId = new Map(stats.map((s) => [s.tenant_id, s]));
  return rows.map((r) => ({ ...r, users: byId.get(r.id)?.users ?? 0, liveLinks: byId.get(r.id)?.live_links ?? 0 }));
}

export async function listTenants(ctx: RequestContext, input: ListTenantsInput): Promise<Page<TenantRegistryDto>> {
  const { search, status, cursor, limit } = listTenantsSchema.parse(input);
  const after = readCursor(cursor, cursorShape);
  const like = search ? containsPattern(search) : null;
  const where: (SQL | undefined)[] = [
    like ? or(ilike(tenants.name, like), ilike(tenants.slug, like)) : undefined,
    status ? eq(tenants.status, status) : undefined,
    after ? sql`(${tenants.name}, ${tenants.id}) > (${after.n}, ${after.i}::uuid)` : undefined,
  ];
  return withPlatformScope(ctx, 'platform.tenants.read', async ({ tx }) => {
    const rows = await tx.select(registryColumns).from(tenants).where(and(...where)).orderBy(asc(tenants.name), asc(tenants.id)).limit(limit + 1);
    const page = toPage(rows, limit, (r) => r, (last) => ({ n: last.name, i: last.id }));
    return { items: await withStats(tx, page.items), nextCursor: page.nextCursor };
  });
}

export async function getTenantOrThrow(ctx: RequestContext, { id }: { id: string }): Promise<TenantRegistryDto> {
  return withPlatformScope(ctx, 'platform.tenants.read', ({ tx }) => registryEntry(tx, { id }));
}

async function registryEntry(tx: Tx, where: { id: string } | { slug: string }): Promise<TenantRegistryDto> {
  const [row] = await tx
    .select(registryColumns)
    .from(tenants)
    .where('id' in where ? eq(tenants.id, where.id) : eq(tenants.slug, where.slug));
  if (!row) throw notFound('Tenant');
  return (await withStats(tx, [row]))[0]!;
}

/**
 * Registers a tenant with its built-in roles and a first admin who has no password yet: they get
 * a one-time set-password link (returned once, and written to the tenant's mail outbox).
 */
export async function registerTenant(
  ctx: RequestContext,
  input: RegisterTenantInput,
): Promise<{ tenant: TenantRegistryDto; setPasswordPath: string }> {
  const data = registerTenantSchema.parse(input);
  try {
    return await withPlatformScope(ctx, 'platform.tenants.manage', async ({ tx, enter, home }) => {
      const [tenant] = await tx
        .insert(tenants)
        .values({
          slug: data.slug,
          name: data.name,
          legalName: data.legalName ?? null,
          contactEmail: data.contactEmail ?? data.adminEmail,
          country: data.country ?? null,
          ...(data.onboardedOn ? { onboardedOn: data.onboardedOn } : {}),
        })
        .returning({ id: tenants.id });
      const tenantId = tenant!.id;
      await recordAudit(tx, ctx, { action: 'tenant.register', resourceType: 'tenant', resourceId: tenantId, details: { slug: data.slug, name: data.name } });

      await enter({ id: tenantId });
      const roleIds = await createBuiltInRoles(tx, tenantId, { platform: false });
      const [admin] = await tx
        .insert(users)
        .values({ tenantId, email: data.adminEmail, name: 'Tenant Admin', type: 'admin' })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ tenantId, userId: admin!.id, roleId: roleIds.get('admin')! });
      const [setPasswordPath] = await mailPasswordLinks(tx, { id: tenantId, slug: data.slug }, [{ id: admin!.id, email: data.adminEmail }], {
        days: PASSWORD_TOKEN_DAYS,
        subject: `Your ${data.name} partner portal account`,
        intro: `You are the first admin of ${data.name}.`,
      });
      const registered = { action: 'tenant.registered', resourceType: 'user', resourceId: admin!.id, details: { adminEmail: data.adminEmail } };
      await recordAuditIn(tx, ctx, tenantId, registered, 'platform');
      await home();
      return { tenant: await registryEntry(tx, { id: tenantId }), setPasswordPath: setPasswordPath! };
    });
  } catch (error) {
    if (pgErrorCode(error) === '23505') {
      throw new AppError('CONFLICT', 'That slug is taken.', { fieldErrors: { slug: ['That slug is taken.'] } });
    }
    throw error;
  }
}

export async function updateTenant(ctx: RequestContext, input: UpdateTenantInput): Promise<TenantRegistryDto> {
  const { id, ...changes } = updateTenantSchema.parse(input);
  return withPlatformScope(ctx, 'platform.tenants.manage', async ({ tx }) => {
    const [before] = await tx.select(registryColumns).from(tenants).where(eq(tenants.id, id)).for('update');
    if (!before) throw notFound('Tenant');
    await tx.update(tenants).set({ ...changes, updatedAt: sql`now()` }).where(eq(tenants.id, id));
    await recordAudit(tx, ctx, { action: 'tenant.update', resourceType: 'tenant', resourceId: id, details: { before, after: changes } });
    return registryEntry(tx, { id });
  });
}

/**
 * Stops a tenant: its data stays; its users' sessions and every link to or from it end now.
 * Reactivating brings neither back: users sign in again and links are requested again.
 */
export async function setTenantStatus(ctx: RequestContext, { id, status }: { id: string; status: 'active' | 'stopped' }): Promise<TenantRegistryDto> {
  return withPlatformScope(ctx, 'platform.tenants.manage', async ({ tx, enter, home }) => {
    if (id === ctx.homeTenant.id) throw new AppError('VALIDATION_ERROR', 'The platform tenant cannot be stopped.');
    const [before] = await tx.select({ status: tenants.status, deletedAt: tenants.deletedAt }).from(tenants).where(eq(tenants.id, id)).for('update');
    if (!before) throw notFound('Tenant');
    if (before.deletedAt) throw new AppError('CONFLICT', 'This tenant\'s data was deleted; it cannot be reactivated. Register a new tenant instead.');
    if (before.status === status) return registryEntry(tx, { id });
    await tx
      .update(tenants)
      .set({ status, stoppedAt: status === 'stopped' ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(tenants.id, id));
    await recordAudit(tx, ctx, { action: status === 'stopped' ? 'tenant.stop' : 'tenant.reactivate', resourceType: 'tenant', resourceId: id });
    // The tenant's own endpoints and its partners' (through the links still live: stopping ends them below).
    await enter({ id });
    await emitEvent(tx, id, 'tenant.status_changed', { from: before.status, to: status });
    if (status === 'active') {
      await home();
      return registryEntry(tx, { id });
    }
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: 'tenant_stopped' })
      .where(and(eq(sessions.tenantId, id), sql`${sessions.revokedAt} is null`))
      .returning({ id: sessions.id });
    const links = await tx
      .update(partnerTenantLinks)
      .set({
        status: sql`case when ${partnerTenantLinks.status} = 'requested' then 'rejected'::link_status else 'revoked'::link_status end`,
        revokedAt: sql`now()`,
        revokedBy: ctx.user.id,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          or(eq(partnerTenantLinks.partnerTenantId, id), eq(partnerTenantLinks.managedTenantId, id)),
          inArray(partnerTenantLinks.status, ['requested', 'active']),
        ),
      )
      .returning({ id: partnerTenantLinks.id });
    const stopped = { sessionsEnded: ended.length, linksEnded: links.map((l) => l.id) };
    await recordAuditIn(tx, ctx, id, { action: 'tenant.stopped', resourceType: 'tenant', resourceId: id, details: stopped }, 'platform');
    await home();
    return registryEntry(tx, { id });
  });
}

/** A registry lookup by slug for platform forms that name a tenant. */
export async function getTenantBySlugOrThrow(ctx: RequestContext, { slug }: { slug: string }): Promise<TenantRegistryDto> {
  return withPlatformScope(ctx, 'platform.tenants.read', ({ tx }) => registryEntry(tx, { slug }));
}

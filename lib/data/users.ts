import 'server-only';
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { roles, userRoles, users } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { encodeCursor, timestampKeySchema, type Page } from '@/lib/validation/common';
import { listUsersSchema, type ListUsersInput, type UserDetailDto, type UserDto } from '@/lib/validation/users';
import { auditLinkRead, recordAudit } from './audit';
import { withTenantFeature } from './features';
import { containsPattern, csvStream, readCursor, toPage } from './list';
import { withTenant, type Tx } from './tx';

const cursorShape = z.object({ c: timestampKeySchema, i: z.uuid() });

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  type: users.type,
  status: users.status,
  createdAt: users.createdAt,
};

const toDto = (u: { id: string; email: string; name: string; type: UserDto['type']; status: UserDto['status']; createdAt: Date }): UserDto => ({
  ...u,
  createdAt: u.createdAt.toISOString(),
});

/** The list query itself, separate so tests can EXPLAIN exactly what runs. */
export function usersListQuery(tx: Tx, tenantId: string, input: z.output<typeof listUsersSchema>) {
  const { search, type, status, cursor, limit } = input;
  const after = readCursor(cursor, cursorShape);
  const filters: (SQL | undefined)[] = [
    eq(users.tenantId, tenantId),
    search ? or(ilike(users.name, containsPattern(search)), ilike(users.email, containsPattern(search))) : undefined,
    type ? eq(users.type, type) : undefined,
    status ? eq(users.status, status) : undefined,
    after ? sql`(${users.createdAt}, ${users.id}) < (${after.c}::timestamptz, ${after.i}::uuid)` : undefined,
  ];
  return tx
    .select({ ...userColumns, createdKey: sql<string>`${users.createdAt}::text` })
    .from(users)
    .where(and(...filters))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit + 1);
}

/** The active tenant's users, newest first, keyset-paginated on (created_at, id). */
export async function listUsers(ctx: RequestContext, input: ListUsersInput): Promise<Page<UserDto>> {
  assertCan(ctx, 'users.read');
  const parsed = listUsersSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const rows = await usersListQuery(tx, ctx.activeTenant.id, parsed);
    const page = toPage(rows, parsed.limit, ({ createdKey: _, ...u }) => toDto(u), (last) => ({ c: last.createdKey, i: last.id }));
    await auditLinkRead(tx, ctx, { action: 'users.list', resourceType: 'user', details: { count: page.items.length, search: parsed.search ?? null } });
    return page;
  });
}

/** One user of the active tenant; another tenant's id is simply not found. */
export async function getUserOrThrow(ctx: RequestContext, { id }: { id: string }): Promise<UserDetailDto> {
  assertCan(ctx, 'users.read');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [u] = await tx
      .select({ ...userColumns, updatedAt: users.updatedAt })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    if (!u) throw notFound('User');
    const assigned = await tx
      .select({ key: roles.key, name: roles.name })
      .from(userRoles)
      .innerJoin(roles, and(eq(roles.tenantId, userRoles.tenantId), eq(roles.id, userRoles.roleId)))
      .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, id)))
      .orderBy(roles.name);
    await auditLinkRead(tx, ctx, { action: 'users.read', resourceType: 'user', resourceId: id });
    return { ...toDto(u), updatedAt: u.updatedAt.toISOString(), roles: assigned };
  });
}

const PAGE = 1000;
const EXPORT_COLUMNS = ['id', 'email', 'name', 'type', 'status', 'createdAt'] as const;

/**
 * Bulk export (feature bulk_export): every user of the active tenant matching the filters, as
 * CSV streamed 1,000 rows per transaction. Audited before the first row leaves.
 */
export async function exportUsersCsv(ctx: RequestContext, input: Omit<ListUsersInput, 'cursor' | 'limit'>): Promise<ReadableStream<Uint8Array>> {
  const filters = listUsersSchema.parse({ ...input, cursor: undefined, limit: 100 });
  await withTenantFeature(ctx, { permission: 'users.read', feature: 'bulk_export' }, (tx) =>
    recordAudit(tx, ctx, { action: 'users.export', resourceType: 'user', details: { search: filters.search ?? null, type: filters.type ?? null, status: filters.status ?? null } }),
  );
  return csvStream({
    columns: EXPORT_COLUMNS,
    pageSize: PAGE,
    // usersListQuery fetches limit + 1; the stream asks for exactly one page at a time.
    next: async (after: string | null, limit) =>
      (await withTenant(ctx, (tx) => usersListQuery(tx, ctx.activeTenant.id, { ...filters, cursor: after ?? undefined, limit }))).slice(0, limit),
    cursorOf: (last) => encodeCursor({ c: last.createdKey, i: last.id }),
    cells: ({ createdKey: _, ...u }) => {
      const dto = toDto(u);
      return EXPORT_COLUMNS.map((c) => dto[c]);
    },
  });
}

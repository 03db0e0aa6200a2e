import 'server-only';
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { roles, userRoles, users } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { decodeCursor, encodeCursor, type Page } from '@/lib/validation/common';
import { listUsersSchema, type ListUsersInput, type UserDetailDto, type UserDto } from '@/lib/validation/users';
import { csvRow } from '@/lib/csv';
import { auditLinkRead, recordAudit } from './audit';
import { assertFeature } from './features';
import { withTenant, type Tx } from './tx';

const cursorShape = z.object({ c: z.string().max(40), i: z.uuid() });

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

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The list query itself, separate so tests can EXPLAIN exactly what runs. */
export function usersListQuery(tx: Tx, tenantId: string, input: z.output<typeof listUsersSchema>) {
  const { search, type, status, cursor, limit } = input;
  const after = decodeCursor(cursor, cursorShape);
  const filters: (SQL | undefined)[] = [
    eq(users.tenantId, tenantId),
    search ? or(ilike(users.name, likePattern(search)), ilike(users.email, likePattern(search))) : undefined,
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
    const page = rows.slice(0, parsed.limit);
    const last = page.at(-1);
    await auditLinkRead(tx, ctx, {
      action: 'users.list',
      resourceType: 'user',
      details: { count: page.length, search: parsed.search ?? null },
    });
    return {
      items: page.map(({ createdKey: _, ...u }) => toDto(u)),
      nextCursor: rows.length > parsed.limit && last ? encodeCursor({ c: last.createdKey, i: last.id }) : null,
    };
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
  assertCan(ctx, 'users.read');
  await assertFeature(ctx, 'bulk_export');
  const filters = listUsersSchema.parse({ ...input, cursor: undefined, limit: 100 });
  await withTenant(ctx, (tx) =>
    recordAudit(tx, ctx, { action: 'users.export', resourceType: 'user', details: { search: filters.search ?? null, type: filters.type ?? null, status: filters.status ?? null } }),
  );
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let state: 'header' | 'rows' | 'done' = 'header';
  return new ReadableStream({
    async pull(controller) {
      if (state === 'header') {
        state = 'rows';
        controller.enqueue(encoder.encode(csvRow(EXPORT_COLUMNS) + '\n'));
        return;
      }
      if (state === 'done') return controller.close();
      const rows = await withTenant(ctx, (tx) => usersListQuery(tx, ctx.activeTenant.id, { ...filters, cursor, limit: PAGE }));
      const page = rows.slice(0, PAGE);
      const last = page.at(-1);
      if (rows.length <= PAGE || !last) state = 'done';
      else cursor = encodeCursor({ c: last.createdKey, i: last.id });
      if (page.length === 0) return controller.close();
      const dtos = page.map(({ createdKey: _, ...u }) => toDto(u));
      controller.enqueue(encoder.encode(dtos.map((u) => csvRow(EXPORT_COLUMNS.map((c) => u[c]))).join('\n') + '\n'));
    },
  });
}

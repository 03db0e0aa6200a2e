import 'server-only';
import { and, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { roles, sessions, userRoles, users } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { assertCan, assertHomeCan, can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { type BulkOutcome, type Page, type SortedPage } from '@/lib/validation/common';
import { listUsersSchema, setUsersStatusSchema, type ListUsersInput, type UserDetailDto, type UserDto } from '@/lib/validation/users';
import { auditLinkRead, recordAudit } from './audit';
import { emitEvent } from './internal/webhook-events';
import { mailPasswordLinks } from './internal/password-tokens';
import { withTenantFeature } from './features';
import { exportParams, startExport, type ExportDto } from './exports';
import { containsPattern, keyset, keysetPage, readCursor, toPage, type SortColumn } from './list';
import { actingContexts } from './tenancy';
import { withTenant, type Tx } from './tx';

/** The columns the users list sorts on (server-side, keyset-paged in both directions). */
const sortable: Record<string, SortColumn> = {
  createdAt: { column: users.createdAt, key: sql`${users.createdAt}::text`, type: 'timestamptz' },
  name: { column: users.name, key: sql`${users.name}`, type: 'text' },
  email: { column: users.email, key: sql`${users.email}::text`, type: 'text' },
};

const userColumns = {
  id: users.id,
  customerNumber: users.customerNumber,
  email: users.email,
  name: users.name,
  type: users.type,
  status: users.status,
  // In toISOString's form, written by PostgreSQL: a page of 50 makes no Date to parse and print
  // again (issue #12).
  createdAt: sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

const toDto = (u: { id: string; customerNumber: string | null; email: string; name: string; type: UserDto['type']; status: UserDto['status']; createdAt: string }): UserDto => ({
  id: u.id,
  customerNumber: u.customerNumber ?? '',
  email: u.email,
  name: u.name,
  type: u.type,
  status: u.status,
  createdAt: u.createdAt,
});

/** The list's filters (and the export's) as SQL on users. */
export function userConditions(tenantId: string, { search, type, status }: Pick<z.output<typeof listUsersSchema>, 'search' | 'type' | 'status'>): (SQL | undefined)[] {
  return [
    eq(users.tenantId, tenantId),
    search ? or(ilike(users.name, containsPattern(search)), ilike(users.email, containsPattern(search))) : undefined,
    type ? eq(users.type, type) : undefined,
    status ? eq(users.status, status) : undefined,
  ];
}

/** The list query itself, separate so tests can EXPLAIN exactly what runs. */
export function usersListQuery(tx: Tx, tenantId: string, input: z.output<typeof listUsersSchema>) {
  const { sort, cursor, limit } = input;
  const ks = keyset(sortable, users.id, sort, cursor);
  const filters: (SQL | undefined)[] = [...userConditions(tenantId, input), ks.where];
  return tx
    .select({ ...userColumns, sortKey: ks.sortKey })
    .from(users)
    .where(and(...filters))
    .orderBy(...ks.orderBy)
    .limit(limit + 1);
}

/** One page of the active tenant's users, in the transaction given (the caller audits). */
async function usersPage(tx: Tx, ctx: RequestContext, input: z.output<typeof listUsersSchema>): Promise<SortedPage<UserDto>> {
  const rows = await usersListQuery(tx, ctx.activeTenant.id, input);
  return keysetPage(rows, input.limit, keyset(sortable, users.id, input.sort, input.cursor), toDto, () =>
    usersPage(tx, ctx, { ...input, cursor: undefined }),
  );
}

/** The active tenant's users, sorted (newest first unless asked), keyset-paginated both ways. */
export async function listUsers(ctx: RequestContext, input: ListUsersInput): Promise<SortedPage<UserDto>> {
  assertCan(ctx, 'users.read');
  const parsed = listUsersSchema.parse(input);
  // At home nothing is written (reads are audited only through a link): a read-only transaction.
  return withTenant(
    ctx,
    async (tx) => {
      const page = await usersPage(tx, ctx, parsed);
      await auditLinkRead(tx, ctx, { action: 'users.list', resourceType: 'user', details: { count: page.items.length, search: parsed.search ?? null } });
      return page;
    },
    { readOnly: ctx.via === 'home' },
  );
}

export type TenantUserDto = UserDto & { tenant: { slug: string; name: string } };

/**
 * The All-tenants users list: the same list in every managed tenant the caller can act in now
 * whose link grants users.read (or the one `tenant` names), each read in its own tenant's scope
 * and audited there, merged in the list's order. Newest first only: the key is one instant
 * across tenants. Tenants whose link does not grant users.read come back in `withheld`.
 */
export async function listUsersInAllTenants(
  ctx: RequestContext,
  input: ListUsersInput & { tenant?: string },
): Promise<Page<TenantUserDto> & { tenants: { slug: string; name: string }[]; withheld: { slug: string; name: string }[] }> {
  assertHomeCan(ctx, 'partner.tenants.switch_context');
  const { tenant, ...rest } = input;
  const parsed = listUsersSchema.parse({ ...rest, sort: 'createdAt.desc' });
  const after = readCursor(parsed.cursor, allTenantsCursor);
  const everyTenant = await actingContexts(ctx);
  const chosen = everyTenant.filter((c) => !tenant || c.activeTenant.slug === tenant);
  const readable = chosen.filter((c) => can(c, 'users.read'));
  const pages = await Promise.all(
    readable.map((c) =>
      withTenant(c, async (tx) => {
        const rows = await tx
          .select({ ...userColumns, at: sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')` })
          .from(users)
          .where(
            and(
              eq(users.tenantId, c.activeTenant.id),
              parsed.search ? or(ilike(users.name, containsPattern(parsed.search)), ilike(users.email, containsPattern(parsed.search))) : undefined,
              parsed.type ? eq(users.type, parsed.type) : undefined,
              parsed.status ? eq(users.status, parsed.status) : undefined,
              after ? sql`(${users.createdAt}, ${users.id}) < (${after.t}::timestamp at time zone 'UTC', ${after.i}::uuid)` : undefined,
            ),
          )
          .orderBy(desc(users.createdAt), desc(users.id))
          .limit(parsed.limit + 1);
        await auditLinkRead(tx, c, { action: 'users.list', resourceType: 'user', details: { count: rows.length, search: parsed.search ?? null, allTenants: true } });
        return rows.map((r) => ({ ...r, tenant: { slug: c.activeTenant.slug, name: c.activeTenant.name } }));
      }),
    ),
  );
  // The fixed-width UTC text sorts as the instant does; the id breaks ties as the SQL does.
  const merged = pages.flat().sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  const page = toPage(merged, parsed.limit, (u) => ({ ...toDto(u), tenant: u.tenant }), (last) => ({ t: last.at, i: last.id }));
  return {
    ...page,
    tenants: everyTenant.map((c) => ({ slug: c.activeTenant.slug, name: c.activeTenant.name })),
    withheld: chosen.filter((c) => !can(c, 'users.read')).map((c) => ({ slug: c.activeTenant.slug, name: c.activeTenant.name })),
  };
}

const allTenantsCursor = z.object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/), i: z.uuid() });

/** One user of the active tenant; another tenant's id is simply not found. */
export async function getUserOrThrow(ctx: RequestContext, { id }: { id: string }): Promise<UserDetailDto> {
  assertCan(ctx, 'users.read');
  const tenantId = ctx.activeTenant.id;
  return withTenant(ctx, async (tx) => {
    const [u] = await tx
      .select({ ...userColumns, updatedAt: users.updatedAt, passwordSet: sql<boolean>`${users.passwordHash} is not null` })
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
    const { updatedAt, passwordSet, ...rest } = u;
    return { ...toDto(rest), updatedAt: updatedAt.toISOString(), passwordSet, roles: assigned };
  });
}

/** How long a set-password link sent from the user's page works. */
export const PASSWORD_LINK_DAYS = 7;

/**
 * Mails a user a new one-time set-password link (earlier unused links stop working): for an
 * imported or invited account whose link expired, or someone who lost their password. The link
 * goes to the user's own address only; staff never see it. Audited.
 */
export async function sendPasswordLink(ctx: RequestContext, { id }: { id: string }): Promise<{ sentTo: string }> {
  assertCan(ctx, 'users.write');
  const tenant = ctx.activeTenant;
  return withTenant(ctx, async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email, status: users.status }).from(users).where(and(eq(users.tenantId, tenant.id), eq(users.id, id)));
    if (!user) throw notFound('User');
    if (user.status === 'inactive') throw new AppError('CONFLICT', 'This account is deactivated: activate it first.');
    await mailPasswordLinks(tx, tenant, [user], { days: PASSWORD_LINK_DAYS, subject: `${tenant.name}: choose your password`, intro: `${tenant.name} sent you a link to choose your password.` });
    await recordAudit(tx, ctx, { action: 'user.password_link_sent', resourceType: 'user', resourceId: user.id, details: { email: user.email } });
    return { sentTo: user.email };
  });
}

/**
 * Bulk export (feature bulk_export): every user of the active tenant matching the filters, as a
 * CSV export job (lib/data/exports.ts). Answers at once; the file is built in the background.
 */
export async function startUsersExport(ctx: RequestContext, input: Omit<ListUsersInput, 'cursor' | 'limit' | 'sort'>): Promise<ExportDto> {
  const params = exportParams.users.parse(input);
  await withTenantFeature(ctx, { permission: 'users.read', feature: 'bulk_export' }, async () => undefined);
  const words = [params.search && `search "${params.search}"`, params.type, params.status].filter(Boolean).join(', ');
  return startExport(ctx, { kind: 'users', params, contexts: [ctx], scope: `Users of ${ctx.activeTenant.name}${words ? `, ${words}` : ''}`, fileName: `users-${ctx.activeTenant.slug}-${new Date().toISOString().slice(0, 10)}.csv` });
}

/**
 * Bulk activate or deactivate users of the active tenant (users.write). Each row is its own
 * transaction and gets its own outcome: `succeeded`; `skipped` when it is already so, or it is the
 * caller deactivating themself, or a staff account changed through a link (a partner provisions
 * the tenant's subscribers, not its staff); `failed` when the id is not a user of this tenant
 * (all of them not: NOT_FOUND, as for one object). A deactivated
 * user's sessions end with it (and the next request of any of them is refused).
 */
export async function setUsersStatus(ctx: RequestContext, input: z.input<typeof setUsersStatusSchema>): Promise<BulkOutcome[]> {
  assertCan(ctx, 'users.write');
  const { ids, status } = setUsersStatusSchema.parse(input);
  const tenantId = ctx.activeTenant.id;
  // Ids of another tenant (or none) are not found: when none of them is a user here, the whole
  // call is, as for any single object; otherwise those rows fail and the rest go on.
  const known = new Set(
    (await withTenant(ctx, (tx) => tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), inArray(users.id, ids))))).map((r) => r.id),
  );
  if (known.size === 0) throw notFound('User');
  const outcomes: BulkOutcome[] = [];
  for (const id of ids) {
    if (status === 'inactive' && id === ctx.user.id) {
      outcomes.push({ id, outcome: 'skipped', reason: 'You cannot deactivate your own account.' });
      continue;
    }
    outcomes.push(
      await withTenant(ctx, async (tx): Promise<BulkOutcome> => {
        const [user] = await tx
          .select({ status: users.status, type: users.type })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
          .for('update');
        if (!user) return { id, outcome: 'failed', reason: 'Not found.' };
        // Through a link a partner provisions the tenant's subscribers; its staff are the tenant's own.
        if (ctx.via === 'link' && user.type === 'admin') return { id, outcome: 'skipped', reason: "Staff accounts are managed by the tenant's own admins." };
        if (user.status === status) return { id, outcome: 'skipped', reason: `Already ${status}.` };
        await tx.update(users).set({ status, updatedAt: sql`now()` }).where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
        if (status === 'inactive') {
          await tx
            .update(sessions)
            .set({ revokedAt: sql`now()`, revokedReason: 'deactivated' })
            .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, id), isNull(sessions.revokedAt)));
        }
        await recordAudit(tx, ctx, { action: 'user.status_changed', resourceType: 'user', resourceId: id, details: { from: user.status, to: status } });
        await emitEvent(tx, tenantId, 'user.status_changed', { user_id: id, from: user.status, to: status, user_type: user.type });
        return { id, outcome: 'succeeded' };
      }),
    );
  }
  return outcomes;
}

import type { Metadata } from 'next';
import { UsersTable } from '@/app/(portal)/t/[tenant]/users/_components/users-table';
import { allTenantsPage, firstPageIfBadCursor, listParams } from '@/lib/auth/page';
import { listUsersInAllTenants } from '@/lib/data/users';
import { firstValues } from '@/lib/validation/common';
import { listUsersSchema } from '@/lib/validation/users';

export const metadata: Metadata = { title: 'Users' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Users of every managed tenant the caller's live links allow, with a Tenant column and filter. */
export default async function AllTenantsUsersPage({ searchParams }: Props) {
  const ctx = await allTenantsPage('users');
  const raw = firstValues(await searchParams);
  const input = listParams(listUsersSchema, { search: raw.q, type: raw.type, status: raw.status, cursor: raw.cursor, limit: raw.size });
  const tenant = typeof raw.tenant === 'string' && /^[a-z0-9-]{1,40}$/.test(raw.tenant) ? raw.tenant : undefined;
  const page = await firstPageIfBadCursor((i) => listUsersInAllTenants(ctx, { ...i, tenant }), input);

  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Users</h1>
      <p className="mb-4 text-sm text-muted-foreground">
        Every tenant you manage, newest first. Each row opens in its own tenant.
        {page.withheld.length > 0 && ` Not included (the link does not grant reading users): ${page.withheld.map((t) => t.name).join(', ')}.`}
      </p>
      <UsersTable slug="all" owner={ctx.user.id} page={page} sort="createdAt.desc" canWrite={false} tenants={page.tenants} tenantName="All tenants" acting={false} />
    </>
  );
}

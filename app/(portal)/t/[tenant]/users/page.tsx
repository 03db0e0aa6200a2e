import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { firstPageIfBadCursor, listParams, tenantPage } from '@/lib/auth/page';
import { getPageFeatures } from '@/lib/auth/request';
import { listUsers } from '@/lib/data/users';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { listUsersSchema } from '@/lib/validation/users';
import { ExportButton } from '@/components/exports/export-button';
import { UsersTable } from './_components/users-table';
import { LockedAccounts } from './_components/locked-accounts';
import { listLockedAccounts } from '@/lib/data/lockouts';

export const metadata: Metadata = { title: 'Users' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'users' });
  const raw = firstValues(await searchParams);
  const input = listParams(listUsersSchema, { search: raw.q, type: raw.type, status: raw.status, sort: raw.sort, cursor: raw.cursor, limit: raw.size });
  const [page, locked] = await Promise.all([firstPageIfBadCursor((i) => listUsers(ctx, i), input), listLockedAccounts(ctx)]);
  const exportable = (await getPageFeatures(ctx)).has('bulk_export');
  const exportQuery = new URLSearchParams(Object.entries({ search: input.search, type: input.type, status: input.status }).filter((e): e is [string, string] => Boolean(e[1])));

  return (
    <>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Users</h1>
        <div className="flex items-center gap-2">
          {can(ctx, 'users.write') && (
            <Link href={`/t/${ctx.activeTenant.slug}/users/import`} prefetch={false} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
              Import users
            </Link>
          )}
          {exportable && ctx.via === 'home' && (
            <ExportButton
              endpoint="/api/v1/users/export"
              body={Object.fromEntries(exportQuery)}
              title={`Export the users of ${ctx.activeTenant.name}?`}
              description={`Every user matching the current filter${exportQuery.size ? ` (${[...exportQuery].map(([k, v]) => `${k} = ${v}`).join(', ')})` : ''}. The file is ready in the Exports panel (top right) and its link expires in 7 days.`}
            />
          )}
        </div>
      </div>
      {locked.length > 0 && <LockedAccounts slug={ctx.activeTenant.slug} accounts={locked} canWrite={can(ctx, 'users.write')} />}
      <UsersTable
        slug={ctx.activeTenant.slug}
        owner={ctx.user.id}
        page={page}
        sort={input.sort}
        canWrite={can(ctx, 'users.write')}
        tenantName={ctx.activeTenant.name}
        acting={ctx.via === 'link'}
      />
    </>
  );
}

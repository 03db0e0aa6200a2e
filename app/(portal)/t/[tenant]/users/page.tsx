import type { Metadata } from 'next';
import { firstPageIfBadCursor, tenantPage } from '@/lib/auth/page';
import { getPageFeatures } from '@/lib/auth/request';
import { listUsers } from '@/lib/data/users';
import { firstValues } from '@/lib/validation/common';
import { listUsersSchema } from '@/lib/validation/users';
import { UsersTable } from './_components/users-table';

export const metadata: Metadata = { title: 'Users' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'users' });
  const raw = firstValues(await searchParams);
  const parsed = listUsersSchema.safeParse({ search: raw.q, cursor: raw.cursor });
  const input = parsed.success ? parsed.data : { limit: 50 };
  const exportable = (await getPageFeatures(ctx)).has('bulk_export');
  const exportHref = `/api/v1/users/export${input.search ? `?search=${encodeURIComponent(input.search)}` : ''}`;

  return (
    <>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Users</h1>
        {exportable && ctx.via === 'home' && (
          <a href={exportHref} className="rounded-md border px-3 py-1.5 text-sm hover:bg-secondary" download>
            Export CSV
          </a>
        )}
      </div>
      <UsersTable slug={ctx.activeTenant.slug} search={input.search ?? ''} page={await firstPageIfBadCursor((i) => listUsers(ctx, i), input)} />
    </>
  );
}

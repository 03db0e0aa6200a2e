import type { Metadata } from 'next';
import { PortalShell } from '@/components/layout/portal-shell';
import { Alert } from '@/components/ui/alert';
import { getPageContext, getPageFeatures } from '@/lib/auth/request';
import { listUsers } from '@/lib/data/users';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { listUsersSchema } from '@/lib/validation/users';
import { UsersTable } from './_components/users-table';

export const metadata: Metadata = { title: 'Users' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const ctx = await getPageContext(tenant);
  const raw = firstValues(await searchParams);
  const parsed = listUsersSchema.safeParse({ search: raw.q, cursor: raw.cursor });
  const input = parsed.success ? parsed.data : { limit: 50 };
  const exportable = can(ctx, 'users.read') && (await getPageFeatures(ctx)).has('bulk_export');
  const exportHref = `/api/v1/users/export${input.search ? `?search=${encodeURIComponent(input.search)}` : ''}`;

  return (
    <PortalShell ctx={ctx} workspace="users">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Users</h1>
        {exportable && ctx.via === 'home' && (
          <a href={exportHref} className="rounded-md border px-3 py-1.5 text-sm hover:bg-secondary" download>
            Export CSV
          </a>
        )}
      </div>
      {can(ctx, 'users.read') ? (
        <UsersTable slug={ctx.activeTenant.slug} search={input.search ?? ''} page={await listUsers(ctx, input)} />
      ) : (
        <Alert variant="info">
          You cannot view users in {ctx.activeTenant.name}: your roles or this tenant&apos;s link do not allow it.
        </Alert>
      )}
    </PortalShell>
  );
}

import type { Metadata } from 'next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { tenantPage } from '@/lib/auth/page';
import { grantablePermissions, listRoles } from '@/lib/data/roles';
import { can } from '@/lib/rbac';
import { firstValues } from '@/lib/validation/common';
import { RoleEditor } from './_components/role-editor';
import { RolesTable } from './_components/roles-table';

export const metadata: Metadata = { title: 'Roles' };

/** The active tenant's roles: built-in per user type and staff, and custom ones. */
export default async function RolesPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await tenantPage({ params, workspace: 'roles' });
  const roles = await listRoles(ctx);
  // A short list: the search and the kind filter apply here, over every role.
  const { q, kind } = firstValues(await searchParams);
  const needle = (q ?? '').trim().toLowerCase();
  const shown = roles.filter(
    (r) =>
      (!needle || r.name.toLowerCase().includes(needle) || r.key.includes(needle) || (r.description ?? '').toLowerCase().includes(needle)) &&
      (kind !== 'built-in' || r.builtIn) &&
      (kind !== 'custom' || !r.builtIn),
  );
  const slug = ctx.activeTenant.slug;
  const { grantable, held } = grantablePermissions(ctx);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Roles</h1>
      <RolesTable slug={slug} owner={ctx.user.id} roles={shown} />
      {can(ctx, 'roles.write') && (
        <Card className="mt-8">
          <CardHeader>
            <CardTitle>New custom role</CardTitle>
          </CardHeader>
          <CardContent>
            <RoleEditor slug={slug} grantable={grantable} held={held} />
          </CardContent>
        </Card>
      )}
    </>
  );
}

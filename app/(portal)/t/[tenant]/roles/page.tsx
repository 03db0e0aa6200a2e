import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { grantablePermissions, listRoles } from '@/lib/data/roles';
import { can } from '@/lib/rbac';
import { RoleEditor } from './_components/role-editor';

export const metadata: Metadata = { title: 'Roles' };

/** The active tenant's roles: built-in per user type and staff, and custom ones. */
export default async function RolesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'roles' });
  const roles = await listRoles(ctx);
  const slug = ctx.activeTenant.slug;
  const { grantable, held } = grantablePermissions(ctx);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Roles</h1>
      <Table aria-label="Roles">
        <TableHeader>
          <TableRow>
            <TableHead>Role</TableHead>
            <TableHead>Kind</TableHead>
            <TableHead>Permissions</TableHead>
            <TableHead>Members</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {roles.map((r) => (
            <TableRow key={r.id}>
              <TableCell>
                <Link prefetch={false} href={`/t/${slug}/roles/${r.id}`} className="font-medium text-primary hover:underline">
                  {r.name}
                </Link>
                <div className="text-xs text-muted-foreground">{r.description}</div>
              </TableCell>
              <TableCell>
                <Badge variant={r.builtIn ? 'outline' : 'secondary'}>{r.builtIn ? 'built-in' : 'custom'}</Badge>
              </TableCell>
              <TableCell>{r.permissions.length}</TableCell>
              <TableCell>{r.members}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
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

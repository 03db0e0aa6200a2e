import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { getRoleOrThrow, grantablePermissions } from '@/lib/data/roles';
import { can } from '@/lib/rbac';
import { RoleEditor } from '../_components/role-editor';

export const metadata: Metadata = { title: 'Role' };

export default async function RolePage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'roles' });
  const role = await orNotFound(getRoleOrThrow(ctx, { id: await pageId(params) }));
  const slug = ctx.activeTenant.slug;
  const { grantable, held } = grantablePermissions(ctx);
  const withinPower = role.permissions.every((p) => held.includes(p));
  return (
    <>
      <Link href={`/t/${slug}/roles`} className="text-sm text-primary hover:underline">
        ← Roles
      </Link>
      <div className="mt-3 mb-6 flex items-center gap-3">
        <h1 className="text-2xl font-semibold">{role.name}</h1>
        <Badge variant="outline">{role.key}</Badge>
        <span className="text-sm text-muted-foreground">{role.members} members</span>
      </div>
      {!withinPower && can(ctx, 'roles.write') && (
        <p className="mb-4 text-sm text-muted-foreground">This role holds permissions you do not hold, so you cannot change it.</p>
      )}
      <RoleEditor slug={slug} role={role} grantable={grantable} held={held} readOnly={!can(ctx, 'roles.write') || !withinPower} />
    </>
  );
}

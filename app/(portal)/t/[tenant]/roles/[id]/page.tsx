import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PortalShell } from '@/components/layout/portal-shell';
import { Badge } from '@/components/ui/badge';
import { getPageContext } from '@/lib/auth/request';
import { getRoleOrThrow, grantablePermissions } from '@/lib/data/roles';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/rbac';
import { idSchema } from '@/lib/validation/common';
import { RoleEditor } from '../_components/role-editor';

export const metadata: Metadata = { title: 'Role' };

export default async function RolePage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await getPageContext(tenant);
  if (!can(ctx, 'roles.read') || !idSchema.safeParse(id).success) notFound();
  const role = await getRoleOrThrow(ctx, { id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const slug = ctx.activeTenant.slug;
  const { grantable, held } = grantablePermissions(ctx);
  const withinPower = role.permissions.every((p) => held.includes(p));
  return (
    <PortalShell ctx={ctx} workspace="roles">
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
    </PortalShell>
  );
}

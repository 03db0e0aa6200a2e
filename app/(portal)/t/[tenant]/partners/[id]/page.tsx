import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PortalShell } from '@/components/layout/portal-shell';
import { Badge } from '@/components/ui/badge';
import { getPageContext } from '@/lib/auth/request';
import { getTenantOrThrow } from '@/lib/data/registry';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/rbac';
import { idSchema } from '@/lib/validation/common';
import { EditTenantForm } from '../_components/edit-tenant-form';
import { StatusButton } from '../_components/status-button';

export const metadata: Metadata = { title: 'Tenant' };

export default async function TenantPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await getPageContext(tenant);
  if (!can(ctx, 'platform.tenants.read') || ctx.via !== 'home' || !idSchema.safeParse(id).success) notFound();
  const registry = await getTenantOrThrow(ctx, { id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const slug = ctx.activeTenant.slug;
  return (
    <PortalShell ctx={ctx} workspace="partners">
      <Link href={`/t/${slug}/partners`} className="text-sm text-primary hover:underline">
        ← Partners
      </Link>
      <div className="mt-3 mb-6 flex items-center gap-3">
        <h1 className="text-2xl font-semibold">{registry.name}</h1>
        <Badge variant={registry.status === 'active' ? 'success' : 'destructive'}>{registry.status}</Badge>
        <span className="text-sm text-muted-foreground">
          {registry.users} users · {registry.liveLinks} live links
        </span>
        {can(ctx, 'platform.tenants.manage') && registry.id !== ctx.homeTenant.id && (
          <StatusButton slug={slug} id={registry.id} name={registry.name} status={registry.status} />
        )}
      </div>
      {can(ctx, 'platform.tenants.manage') && <EditTenantForm slug={slug} tenant={registry} />}
    </PortalShell>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { orNotFound, pageId, tenantPage } from '@/lib/auth/page';
import { listTenantLinks } from '@/lib/data/links';
import { getTenantRateLimits } from '@/lib/data/policies';
import { getTenantOrThrow } from '@/lib/data/registry';
import { can } from '@/lib/rbac';
import { EditTenantForm } from '../_components/edit-tenant-form';
import { StatusButton } from '../_components/status-button';
import { CreateLinkForm, PlatformRevokeButton, RateLimitsForm } from '../_components/tenant-links';
import { StatusBadge } from '@/components/ui/status-badge';
import { linkAccessRoleLabels } from '@/lib/config/enums';
import { listTenantExports } from '@/lib/data/platform/offboarding';
import { DELETE_AFTER_STOPPED_DAYS } from '@/lib/validation/offboarding';
import { Offboarding } from '../_components/offboarding';

export const metadata: Metadata = { title: 'Tenant' };

export default async function TenantPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'partners' });
  const registry = await orNotFound(getTenantOrThrow(ctx, { id: await pageId(params) }));
  const slug = ctx.activeTenant.slug;
  const isPlatform = registry.id === ctx.homeTenant.id;
  const [links, limits] = isPlatform ? [[], null] : await Promise.all([listTenantLinks(ctx, { tenantId: registry.id }), getTenantRateLimits(ctx, { tenantId: registry.id })]);
  const manageLinks = can(ctx, 'platform.links.manage') && registry.status === 'active';
  const deletableFrom = registry.stoppedAt ? new Date(new Date(registry.stoppedAt).getTime() + DELETE_AFTER_STOPPED_DAYS * 86_400_000).toISOString() : null;
  return (
    <>
      <Link href={`/t/${slug}/partners`} className="text-sm text-primary hover:underline">
        ← Partners
      </Link>
      <div className="mt-3 mb-6 flex items-center gap-3">
        <h1 className="text-2xl font-semibold">{registry.name}</h1>
        <StatusBadge value={registry.status} />
        <span className="text-sm text-muted-foreground">
          {registry.users} users · {registry.liveLinks} live links
        </span>
        {can(ctx, 'platform.tenants.manage') && registry.id !== ctx.homeTenant.id && (
          <StatusButton slug={slug} id={registry.id} name={registry.name} status={registry.status} />
        )}
      </div>
      {can(ctx, 'platform.tenants.manage') && <EditTenantForm slug={slug} tenant={registry} />}
      {!isPlatform && can(ctx, 'platform.tenants.manage') && (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Offboarding</CardTitle>
          </CardHeader>
          <CardContent>
            <Offboarding
              slug={slug}
              tenant={{ id: registry.id, slug: registry.slug, name: registry.name, status: registry.status, deletedAt: registry.deletedAt }}
              exports={await listTenantExports(ctx, { id: registry.id })}
              deletableFrom={deletableFrom}
              deletable={deletableFrom !== null && deletableFrom <= new Date().toISOString()}
            />
          </CardContent>
        </Card>
      )}
      {!isPlatform && (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Links</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <Table aria-label="Tenant links">
              <TableHeader>
                <TableRow>
                  <TableHead>Partner</TableHead>
                  <TableHead>Managed</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {links.map((l) => (
                  <TableRow key={l.id}>
                    <TableCell>{l.partner.name}</TableCell>
                    <TableCell>{l.managed.name}</TableCell>
                    <TableCell>{linkAccessRoleLabels[l.accessRole]}</TableCell>
                    <TableCell>
                      <StatusBadge value={l.state} />
                    </TableCell>
                    <TableCell>
                      {can(ctx, 'platform.links.manage') && (l.status === 'active' || l.status === 'requested') && (
                        <PlatformRevokeButton slug={slug} tenantId={registry.id} linkId={l.id} label={`${l.partner.name} → ${l.managed.name}`} />
                      )}
                    </TableCell>
                  </TableRow>
                ))}
                {links.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={5} className="py-6 text-center text-muted-foreground">
                      No links.
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
            {manageLinks && <CreateLinkForm slug={slug} partnerId={registry.id} />}
          </CardContent>
        </Card>
      )}
      {limits && (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>API rate limits{limits.customised ? '' : ' (defaults)'}</CardTitle>
          </CardHeader>
          <CardContent>
            {can(ctx, 'platform.tenants.manage') ? (
              <RateLimitsForm slug={slug} tenantId={registry.id} limits={limits} />
            ) : (
              <p className="text-sm">
                {limits.listPerMinute} lists, {limits.detailPerMinute} details, {limits.writePerMinute} writes per minute; {limits.exportPerHour} exports per hour.
              </p>
            )}
          </CardContent>
        </Card>
      )}
    </>
  );
}

import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { TenantSelector } from '@/components/tenancy/tenant-selector';
import { getPageFeatures } from '@/lib/auth/request';
import { listReachableTenants } from '@/lib/data/tenancy';
import { can } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { cn } from '@/lib/utils';

type Workspace = 'partners' | 'features' | 'users' | 'tickets' | 'roles' | 'links' | 'access' | 'audit' | 'settings' | 'sessions';

/** Header, tenant selector and "acting in" banner. Rendered by each page with its own context. */
export async function PortalShell({
  ctx,
  workspace,
  children,
}: {
  ctx: RequestContext;
  workspace: Workspace;
  children: React.ReactNode;
}) {
  const [reachable, features] = await Promise.all([listReachableTenants(ctx), getPageFeatures(ctx)]);
  const slug = ctx.activeTenant.slug;
  const home = ctx.via === 'home';
  const nav = [
    { key: 'partners', label: 'Partners', href: `/t/${slug}/partners`, show: home && can(ctx, 'platform.tenants.read') },
    { key: 'features', label: 'Features', href: `/t/${slug}/features`, show: home && can(ctx, 'platform.features.manage') },
    { key: 'users', label: 'Users', href: `/t/${slug}/users`, show: can(ctx, 'users.read') },
    { key: 'tickets', label: 'Tickets', href: `/t/${slug}/tickets`, show: features.has('tickets') && can(ctx, 'tickets.read') },
    { key: 'roles', label: 'Roles', href: `/t/${slug}/roles`, show: can(ctx, 'roles.read') },
    { key: 'links', label: 'Links', href: `/t/${slug}/links`, show: home && can(ctx, 'links.read') },
    { key: 'access', label: 'Access', href: `/t/${slug}/access`, show: home && can(ctx, 'audit.read') },
    { key: 'audit', label: 'Audit', href: `/t/${slug}/audit`, show: can(ctx, 'audit.read') },
    { key: 'settings', label: 'Settings', href: `/t/${slug}/settings`, show: can(ctx, 'settings.read') },
    { key: 'sessions', label: 'Sessions', href: `/t/${ctx.homeTenant.slug}/sessions`, show: true },
  ].filter((n) => n.show);

  return (
    <div className="min-h-screen">
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
          <Link href={`/t/${ctx.homeTenant.slug}`} className="font-semibold">
            Partner Portal
          </Link>
          {reachable.length > 0 ? (
            <TenantSelector
              home={{ slug: ctx.homeTenant.slug, name: ctx.homeTenant.name, accessRole: null }}
              managed={reachable.map((t) => ({ slug: t.slug, name: t.name, accessRole: t.link.accessRole }))}
              activeSlug={slug}
              workspace={workspace}
            />
          ) : (
            <span className="text-sm text-muted-foreground" data-testid="active-tenant">
              {ctx.activeTenant.name}
            </span>
          )}
          <nav className="flex gap-1" aria-label="Workspaces">
            {nav.map((n) => (
              <Link
                key={n.key}
                href={n.href}
                aria-current={n.key === workspace ? 'page' : undefined}
                className={cn('rounded-md px-3 py-1.5 text-sm hover:bg-secondary', n.key === workspace && 'bg-secondary font-medium')}
              >
                {n.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-2 text-sm">
            <span className="text-muted-foreground">
              {ctx.user.name} · {ctx.homeTenant.name}
            </span>
            <SignOutButton slug={ctx.homeTenant.slug} />
          </div>
        </div>
        {ctx.via === 'link' && ctx.link && (
          <div role="status" className="border-t border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900">
            Acting in {ctx.activeTenant.name} as {ctx.homeTenant.name}, role {ctx.link.accessRole}
          </div>
        )}
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}

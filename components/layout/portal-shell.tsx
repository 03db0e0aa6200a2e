import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { TenantSwitcher } from '@/components/tenancy/tenant-switcher';
import type { ShellProps } from '@/lib/auth/page';
import { WorkspaceNav } from './workspace-nav';
import { linkAccessRoleLabels, type LinkAccessRole } from '@/lib/config/enums';
import { tenantAccent } from '@/lib/tenancy/accent';

/** Header, tenant selector and "acting in" banner around every portal page; data comes in as props. */
export function PortalShell({ shell, children }: { shell: ShellProps; children: React.ReactNode }) {
  const { user, homeTenant, activeTenant, acting, nav, managed } = shell;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-card border-b">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
          <Link href={`/t/${homeTenant.slug}`} className="font-semibold">
            Partner Portal
          </Link>
          {managed.length > 0 ? (
            <TenantSwitcher tenants={[{ ...homeTenant, accessRole: null, available: true }, ...managed]} activeSlug={activeTenant.slug} />
          ) : (
            <span className="text-muted-foreground text-sm" data-testid="active-tenant">
              {activeTenant.name}
            </span>
          )}
          <WorkspaceNav items={nav} />
          <div className="ml-auto flex items-center gap-2 text-sm">
            <span className="text-muted-foreground">
              {user.name} · {homeTenant.name}
            </span>
            <SignOutButton slug={homeTenant.slug} />
          </div>
        </div>
        {acting && <ActingBanner acting={acting} activeTenant={activeTenant} homeTenant={homeTenant} />}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 outline-none">
        {children}
      </main>
    </div>
  );
}

/**
 * Where the user is acting, for whom, with what role and until when, and the way back home. A
 * labelled region (read in place, not announced on every page); the tenant's accent colour is a
 * border beside its name.
 */
function ActingBanner({ acting, activeTenant, homeTenant }: Pick<ShellProps, 'activeTenant' | 'homeTenant'> & { acting: NonNullable<ShellProps['acting']> }) {
  const until = acting.endsAt ? new Date(acting.endsAt).toISOString().slice(0, 10) : null;
  return (
    <section
      aria-label="Acting in another tenant"
      className="border-t border-l-8 bg-amber-50 px-4 py-2 text-sm text-amber-950"
      style={{ borderLeftColor: tenantAccent(activeTenant.slug) }}
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2">
        <p data-testid="acting-banner">
          Acting in <strong>{activeTenant.name}</strong> for {homeTenant.name} as {linkAccessRoleLabels[acting.accessRole as LinkAccessRole] ?? acting.accessRole}
          {until ? `, access until ${until}` : ', access open-ended'}
        </p>
        <Link href={`/t/${homeTenant.slug}`} className="font-medium underline">
          Back to {homeTenant.name}
        </Link>
      </div>
    </section>
  );
}

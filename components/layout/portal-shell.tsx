import Link from 'next/link';
import { TenantSwitcher } from '@/components/tenancy/tenant-switcher';
import type { ShellProps } from '@/lib/auth/page';
import { linkAccessRoleLabels, type LinkAccessRole } from '@/lib/config/enums';
import { tenantAccent } from '@/lib/tenancy/accent';
import { ALL_TENANTS } from '@/lib/workspaces';
import { SuspensionBanner } from '@/components/subscriptions/suspension-banner';
import { ExportsPanel } from '@/components/exports/exports-panel';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { HelpLink } from './help-link';
import { ShortcutsDialog } from './shortcuts-dialog';
import { UserMenu } from './user-menu';
import { WorkspaceNav } from './workspace-nav';

/**
 * The frame around every portal page: a header (tenant switcher, user menu), the acting banner
 * when the user works in another tenant, the sidebar of workspaces, and the page. Everything it
 * shows comes in as props from shellFor(); it decides nothing about access.
 */
export function PortalShell({ shell, children }: { shell: ShellProps; children: React.ReactNode }) {
  const { user, homeTenant, activeTenant, acting, nav, managed } = shell;
  const sidebar = nav.filter((n) => n.group !== 'account');
  const own = nav.filter((n) => n.group === 'account');
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-card border-b">
        <div className="flex items-center gap-4 px-4 py-2">
          <Link href={`/t/${homeTenant.slug}`} prefetch={false} className="font-semibold">
            Partner Portal
          </Link>
          {managed.length > 0 ? (
            <TenantSwitcher
              tenants={[{ ...homeTenant, accessRole: null, available: true }, ...managed]}
              activeSlug={activeTenant.slug}
              allTenants={shell.allTenants}
            />
          ) : (
            <span className="text-muted-foreground text-sm" data-testid="active-tenant">
              {activeTenant.name}
            </span>
          )}
          <div className="ml-auto flex items-center gap-2 text-sm">
            {shell.alerts && <AlertsLink alerts={shell.alerts} />}
            {shell.notifications && <NotificationBell initialUnread={shell.notifications.unread} settingsHref={`/t/${homeTenant.slug}/account#notifications`} />}
            <ExportsPanel initial={shell.exports} />
            <HelpLink allTenants={activeTenant.slug === ALL_TENANTS} endUser={user.endUser} />
            <UserMenu user={user} homeTenant={homeTenant} items={own} />
          </div>
        </div>
        {acting && <ActingBanner acting={acting} activeTenant={activeTenant} homeTenant={homeTenant} />}
        {!acting && user.endUser && <SuspensionBanner slug={homeTenant.slug} initial={shell.suspension} />}
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <WorkspaceNav items={sidebar} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none md:px-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
      <ShortcutsDialog overviewHref={`/t/${activeTenant.slug}`} />
    </div>
  );
}

/** The header's alert count: unacknowledged alerts the user can see; a change is announced politely, never as a modal. */
function AlertsLink({ alerts }: { alerts: NonNullable<ShellProps['alerts']> }) {
  const words = `${alerts.count} unacknowledged ${alerts.count === 1 ? 'alert' : 'alerts'}`;
  return (
    <Link href={alerts.href} prefetch={false} className="inline-flex items-center gap-1 rounded-md border px-2 py-1 hover:bg-accent" aria-label={`Alerts: ${words}`} data-testid="alerts-count">
      Alerts
      <span aria-live="polite" className={`rounded-full px-1.5 text-xs ${alerts.count > 0 ? 'bg-red-600 text-white' : 'bg-muted text-muted-foreground'}`}>
        <span aria-hidden="true">{alerts.count}</span>
        <span className="sr-only">{words}</span>
      </span>
    </Link>
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

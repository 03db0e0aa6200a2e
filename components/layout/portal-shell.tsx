import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { TenantSelector } from '@/components/tenancy/tenant-selector';
import type { ShellProps } from '@/lib/auth/page';
import { WorkspaceNav } from './workspace-nav';

/** Header, tenant selector and "acting in" banner around every portal page; data comes in as props. */
export function PortalShell({ shell, children }: { shell: ShellProps; children: React.ReactNode }) {
  const { user, homeTenant, activeTenant, acting, nav, managed } = shell;
  return (
    <div className="min-h-screen">
      <header className="bg-card border-b">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
          <Link href={`/t/${homeTenant.slug}`} className="font-semibold">
            Partner Portal
          </Link>
          {managed.length > 0 ? (
            <TenantSelector
              home={{ ...homeTenant, accessRole: null }}
              managed={managed}
              activeSlug={activeTenant.slug}
            />
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
        {acting && (
          <div
            role="status"
            className="border-t border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900"
          >
            Acting in {activeTenant.name} as {homeTenant.name}, role {acting.accessRole}
          </div>
        )}
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}

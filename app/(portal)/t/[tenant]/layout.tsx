import type { Metadata } from 'next';
import { PortalShell } from '@/components/layout/portal-shell';
import { getPageContext } from '@/lib/auth/request';
import { shellFor } from '@/lib/auth/page';

/** Every page's title names the tenant it shows: "Users · Northwind Fiber · Partner Portal". */
export async function generateMetadata({ params }: { params: Promise<{ tenant: string }> }): Promise<Metadata> {
  const ctx = await getPageContext((await params).tenant);
  return { title: { template: `%s · ${ctx.activeTenant.name} · Partner Portal`, default: `${ctx.activeTenant.name} · Partner Portal` } };
}

/**
 * The portal's frame for one tenant. It is not the guard: every page calls tenantPage() itself.
 * The context it reads is the page's own (memoised for the one render).
 */
export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const shell = await shellFor(await getPageContext(tenant));
  return <PortalShell shell={shell}>{children}</PortalShell>;
}

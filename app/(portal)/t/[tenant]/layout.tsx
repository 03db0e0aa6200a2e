import { PortalShell } from '@/components/layout/portal-shell';
import { getPageContext } from '@/lib/auth/request';
import { shellFor } from '@/lib/auth/page';

/**
 * The portal's frame for one tenant. It is not the guard: every page calls tenantPage() itself.
 * The context it reads is the page's own (memoised for the one render).
 */
export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const shell = await shellFor(await getPageContext(tenant));
  return <PortalShell shell={shell}>{children}</PortalShell>;
}

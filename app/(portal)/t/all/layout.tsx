import type { Metadata } from 'next';
import { PortalShell } from '@/components/layout/portal-shell';
import { allTenantsShell } from '@/lib/auth/page';
import { getHomePageContext } from '@/lib/auth/request';

export const metadata: Metadata = { title: { template: '%s · All tenants · Partner Portal', default: 'All tenants · Partner Portal' } };

/** The frame of the All-tenants mode (/t/all/...). Not the guard: each page calls allTenantsPage(). */
export default async function AllTenantsLayout({ children }: { children: React.ReactNode }) {
  return <PortalShell shell={await allTenantsShell(await getHomePageContext())}>{children}</PortalShell>;
}

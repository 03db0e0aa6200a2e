import type { Metadata } from 'next';
import { PortalShell } from '@/components/layout/portal-shell';
import { shellFor } from '@/lib/auth/page';
import { getHomePageContext } from '@/lib/auth/request';

export const metadata: Metadata = {
  title: { template: '%s · Help · Partner Portal', default: 'Help · Partner Portal' },
};

/** The guides live outside any one tenant: the frame is the reader's home (signed out: to sign-in). */
export default async function HelpLayout({ children }: { children: React.ReactNode }) {
  return <PortalShell shell={await shellFor(await getHomePageContext())}>{children}</PortalShell>;
}

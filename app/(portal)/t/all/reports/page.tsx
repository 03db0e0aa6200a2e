import type { Metadata } from 'next';
import { ReportsView } from '@/app/(portal)/t/[tenant]/reports/view';
import { allTenantsPage } from '@/lib/auth/page';
import { listReachableTenants } from '@/lib/data/tenancy';
import { firstValues } from '@/lib/validation/common';

export const metadata: Metadata = { title: 'Reports' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Usage and SLA across every tenant the caller's links grant reports in; narrowed to one tenant from the URL. */
export default async function AllTenantsReportsPage({ searchParams }: Props) {
  const ctx = await allTenantsPage('reports');
  const tenants = (await listReachableTenants(ctx)).map((t) => ({ id: t.tenantId, name: t.name }));
  // eslint-disable-next-line react-hooks/purity -- the page renders per request: "the last 30 days" ends now
  const now = Date.now();
  return <ReportsView ctx={ctx} raw={firstValues(await searchParams)} base="/t/all/reports" tenantId={null} tenants={tenants} now={now} />;
}

import type { Metadata } from 'next';
import { tenantPage } from '@/lib/auth/page';
import { firstValues } from '@/lib/validation/common';
import { ReportsView } from './view';

export const metadata: Metadata = { title: 'Reports' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One tenant's usage and SLA over a period, as charts with their tables. */
export default async function ReportsPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'reports' });
  // eslint-disable-next-line react-hooks/purity -- the page renders per request: "the last 30 days" ends now
  const now = Date.now();
  return <ReportsView ctx={ctx} raw={firstValues(await searchParams)} base={`/t/${ctx.activeTenant.slug}/reports`} tenantId={ctx.activeTenant.id} tenants={null} now={now} />;
}

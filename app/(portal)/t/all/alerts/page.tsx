import type { Metadata } from 'next';
import { actOnAllAlertsAction } from '@/app/(portal)/t/[tenant]/alerts/actions';
import { AlertsView } from '@/app/(portal)/t/[tenant]/alerts/view';
import { allTenantsPage, firstPageIfBadCursor, listParams } from '@/lib/auth/page';
import { listAlertGroups, listAlerts } from '@/lib/data/alerts';
import { can } from '@/lib/rbac';
import { listAlertsSchema } from '@/lib/validation/alerts';
import { firstValues } from '@/lib/validation/common';

export const metadata: Metadata = { title: 'Alerts' };

type Props = { searchParams: Promise<{ [key: string]: string | string[] | undefined }> };

/**
 * Alerts across every tenant the caller reads alerts in: those their permissions name (SLA,
 * billing) and each link's notify flags keep on, grouped and listed, with acknowledge, assign
 * and resolve for staff who work alerts.
 */
export default async function AllTenantsAlertsPage({ searchParams }: Props) {
  const ctx = await allTenantsPage('alerts');
  const raw = firstValues(await searchParams);
  const clean = listParams(listAlertsSchema, { status: raw.status, type: raw.type, severity: raw.severity, assignee: raw.assignee, tenant_ids: raw.tenant, cursor: raw.cursor, limit: raw.size });
  const input = { ...clean, tenant_ids: clean.tenant_ids?.join(',') };
  const [list, groups] = await Promise.all([firstPageIfBadCursor((i) => listAlerts(ctx, i), input), listAlertGroups(ctx, { tenant_ids: input.tenant_ids })]);
  const act = can(ctx, 'partner.alerts.manage') ? actOnAllAlertsAction.bind(null, ctx.homeTenant.slug) : null;
  return <AlertsView list={list} groups={groups} owner={ctx.user.id} allTenants act={act} />;
}

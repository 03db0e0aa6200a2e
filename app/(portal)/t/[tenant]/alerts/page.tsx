import type { Metadata } from 'next';
import { firstPageIfBadCursor, listParams, tenantPage } from '@/lib/auth/page';
import { listAlertGroups, listAlerts } from '@/lib/data/alerts';
import { can } from '@/lib/rbac';
import { listAlertsSchema } from '@/lib/validation/alerts';
import { firstValues } from '@/lib/validation/common';
import { actOnAlertsAction } from './actions';
import { AlertsView } from './view';

export const metadata: Metadata = { title: 'Alerts' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The alerts about one tenant: related open ones grouped with a count, then every alert with filters and actions. */
export default async function AlertsPage({ params, searchParams }: Props) {
  const ctx = await tenantPage({ params, workspace: 'alerts' });
  const raw = firstValues(await searchParams);
  const { tenant_ids: _, ...input } = listParams(listAlertsSchema, { status: raw.status, type: raw.type, severity: raw.severity, assignee: raw.assignee, cursor: raw.cursor, limit: raw.size });
  const only = ctx.activeTenant.id;
  const [list, groups] = await Promise.all([firstPageIfBadCursor((i) => listAlerts(ctx, { ...i, tenant_ids: only }), input), listAlertGroups(ctx, { tenant_ids: only })]);
  const act = can(ctx, 'alerts.manage') ? actOnAlertsAction.bind(null, ctx.activeTenant.slug) : null;
  return <AlertsView list={list} groups={groups} owner={ctx.user.id} allTenants={false} act={act} />;
}

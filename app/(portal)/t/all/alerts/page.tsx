import type { Metadata } from 'next';
import { AlertGroups } from '@/components/alerts/alert-groups';
import { AlertsTable } from '@/components/alerts/alerts-table';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { actOnAllAlertsAction } from '@/app/(portal)/t/[tenant]/alerts/actions';
import { alertCountsText } from '@/app/(portal)/t/[tenant]/alerts/counts';
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
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Alerts</h1>
        <p className="text-sm text-muted-foreground">
          {list.tenants.length} {list.tenants.length === 1 ? 'tenant' : 'tenants'}: {list.tenants.map((t) => t.name).join(', ') || 'none'}. {alertCountsText(list.counts)}
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Related open alerts</CardTitle>
        </CardHeader>
        <CardContent>
          <AlertGroups groups={groups} act={act} />
        </CardContent>
      </Card>
      <AlertsTable items={list.items} nextCursor={list.nextCursor} owner={ctx.user.id} tenants={list.tenants} act={act} />
    </div>
  );
}

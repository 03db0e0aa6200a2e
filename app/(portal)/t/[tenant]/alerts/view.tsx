import { AlertGroups } from '@/components/alerts/alert-groups';
import { AlertsTable } from '@/components/alerts/alerts-table';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { ActionResult } from '@/lib/api/action-result';
import type { AlertList } from '@/lib/data/alerts';
import type { AlertAction, AlertGroupDto } from '@/lib/validation/alerts';
import type { BulkOutcome } from '@/lib/validation/common';

/**
 * The Alerts page of one tenant and of All tenants: related open alerts grouped with a count,
 * then every alert with filters and actions (`act` null: read-only). `tenants` adds the Tenant
 * column and filter, and names the tenants covered.
 */
export function AlertsView({
  list,
  groups,
  owner,
  allTenants,
  act,
}: {
  list: AlertList;
  groups: AlertGroupDto[];
  owner: string;
  allTenants: boolean;
  act: ((input: { ids: string[]; action: AlertAction }) => Promise<ActionResult<BulkOutcome[]>>) | null;
}) {
  const c = list.counts;
  const covered = allTenants ? `${list.tenants.length} ${list.tenants.length === 1 ? 'tenant' : 'tenants'}: ${list.tenants.map((t) => t.name).join(', ') || 'none'}. ` : '';
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Alerts</h1>
        <p className="text-sm text-muted-foreground">
          {covered}
          {c.active} unacknowledged, {c.acknowledged} acknowledged, {c.resolved} resolved.
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
      <AlertsTable items={list.items} nextCursor={list.nextCursor} owner={owner} tenants={allTenants ? list.tenants : null} act={act} />
    </div>
  );
}

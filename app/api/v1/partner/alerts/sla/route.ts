import { alertsBody } from '@/lib/api/partner-support';
import { apiRoute } from '@/lib/api/route';
import { listAlerts } from '@/lib/data/alerts';
import { listAlertsSchema } from '@/lib/validation/alerts';

/**
 * SLA alerts across the tenants the caller manages (the seed's contract 12): ticket breaches and
 * uptime under a link's target, filtered by tenant_ids, from_date, status, severity.
 */
export const GET = apiRoute({ permission: 'partner.alerts.sla.read', query: listAlertsSchema.omit({ type: true }) }, async ({ ctx, query }) =>
  alertsBody(await listAlerts(ctx, { ...query, tenant_ids: query.tenant_ids?.join(',') }, { types: ['sla_breach', 'uptime_breach'] }), query.limit),
);

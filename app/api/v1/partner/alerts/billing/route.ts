import { alertsBody } from '@/lib/api/partner-support';
import { apiRoute } from '@/lib/api/route';
import { listAlerts } from '@/lib/data/alerts';
import { listAlertsSchema } from '@/lib/validation/alerts';

/** Billing alerts across the tenants the caller manages (the seed's contract 13): balances over a link's threshold. */
export const GET = apiRoute({ permission: 'partner.alerts.billing.read', query: listAlertsSchema.omit({ type: true }) }, async ({ ctx, query }) =>
  alertsBody(await listAlerts(ctx, { ...query, tenant_ids: query.tenant_ids?.join(',') }, { types: ['billing_threshold'] }), query.limit),
);

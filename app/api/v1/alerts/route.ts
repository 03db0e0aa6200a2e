import { apiRoute } from '@/lib/api/route';
import { listAlerts } from '@/lib/data/alerts';
import { listAlertsSchema } from '@/lib/validation/alerts';

/** The active tenant's alerts (through a link: those the link and your permissions show), last seen first, with counts per status. */
export const GET = apiRoute({ permission: 'alerts.read', query: listAlertsSchema.omit({ tenant_ids: true }) }, ({ ctx, query }) =>
  listAlerts(ctx, { ...query, tenant_ids: ctx.activeTenant.id }).then(({ tenants: _, ...list }) => list),
);

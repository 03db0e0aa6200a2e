import { apiRoute } from '@/lib/api/route';
import { getAlert } from '@/lib/data/alerts';
import { notFound } from '@/lib/errors';
import { alertIdParamsSchema } from '@/lib/validation/alerts';

/** One alert of the active tenant with its history; another tenant's is 404. */
export const GET = apiRoute({ permission: 'alerts.read', params: alertIdParamsSchema }, async ({ ctx, params }) => {
  const alert = await getAlert(ctx, { id: params.id });
  if (alert.tenant.id !== ctx.activeTenant.id) throw notFound('Alert');
  return alert;
});

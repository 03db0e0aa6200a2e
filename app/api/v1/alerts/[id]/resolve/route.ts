import { apiRoute } from '@/lib/api/route';
import { actOnAlert } from '@/lib/data/alerts';
import { alertIdParamsSchema, alertNoteSchema } from '@/lib/validation/alerts';

/** Resolves an alert (final: the same problem later opens a new one) of the active tenant, with an optional note in its history; 409 when its status does not allow it. */
export const POST = apiRoute({ permission: 'alerts.manage', params: alertIdParamsSchema, body: alertNoteSchema }, ({ ctx, params, body }) =>
  actOnAlert(ctx, { id: params.id, action: 'resolve', note: body.note }),
);

import { apiRoute } from '@/lib/api/route';
import { getTicketOrThrow, updateTicket } from '@/lib/data/tickets';
import { ticketIdParamsSchema, updateTicketSchema } from '@/lib/validation/tickets';

const params = ticketIdParamsSchema;

export const GET = apiRoute({ permission: 'tickets.read', params }, ({ ctx, params }) => getTicketOrThrow(ctx, { id: params.id }));

export const PATCH = apiRoute(
  { permission: 'tickets.update', params, body: updateTicketSchema },
  ({ ctx, params, body }) => updateTicket(ctx, { id: params.id, ...body }),
);

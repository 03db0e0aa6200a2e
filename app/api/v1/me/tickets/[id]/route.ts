import { apiRoute } from '@/lib/api/route';
import { getMyTicket } from '@/lib/data/tickets';
import { ticketIdParamsSchema } from '@/lib/validation/tickets';

/** One of the caller's tickets with its public thread; anyone else's is 404. */
export const GET = apiRoute({ permission: 'tickets.self', params: ticketIdParamsSchema }, ({ ctx, params }) => getMyTicket(ctx, params));

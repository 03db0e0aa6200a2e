import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { createTicket, listTickets } from '@/lib/data/tickets';
import { createTicketSchema, listTicketsSchema } from '@/lib/validation/tickets';

export const GET = apiRoute({ permission: 'tickets.read', query: listTicketsSchema }, ({ ctx, query }) =>
  listTickets(ctx, query),
);

export const POST = apiRoute({ permission: 'tickets.create', body: createTicketSchema }, async ({ ctx, body }) =>
  NextResponse.json(await createTicket(ctx, body), { status: 201 }),
);

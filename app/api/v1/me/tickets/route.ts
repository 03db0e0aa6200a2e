import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { createMyTicket, listMyTickets } from '@/lib/data/tickets';
import { createMyTicketSchema } from '@/lib/validation/tickets';

/** The caller's own tickets, newest first, as they read them (no internal notes). */
export const GET = apiRoute({ permission: 'tickets.self' }, async ({ ctx }) => ({ items: await listMyTickets(ctx) }));

/** The caller opens a ticket in their home tenant. */
export const POST = apiRoute({ permission: 'tickets.self', body: createMyTicketSchema }, async ({ ctx, body }) =>
  NextResponse.json(await createMyTicket(ctx, body), { status: 201 }),
);

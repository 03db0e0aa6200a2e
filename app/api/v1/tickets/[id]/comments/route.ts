import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { addTicketComment, listTicketComments } from '@/lib/data/tickets';
import { commentSchema, ticketIdParamsSchema } from '@/lib/validation/tickets';

/** The whole thread, internal notes included (staff). */
export const GET = apiRoute({ permission: 'tickets.read', params: ticketIdParamsSchema }, async ({ ctx, params }) => ({ items: await listTicketComments(ctx, params) }));

/** A public reply (mailed to the requester) or an internal note (`internal: true`); 409 on a closed ticket. */
export const POST = apiRoute({ permission: 'tickets.comment', params: ticketIdParamsSchema, body: commentSchema }, async ({ ctx, params, body }) =>
  NextResponse.json(await addTicketComment(ctx, { id: params.id, ...body }), { status: 201 }),
);

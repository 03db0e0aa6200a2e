import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/route';
import { replyToMyTicket } from '@/lib/data/tickets';
import { commentSchema, ticketIdParamsSchema } from '@/lib/validation/tickets';

// What the requester may send: a body (an `internal` flag is refused, not ignored).
const replySchema = commentSchema.pick({ body: true }).strict();

/** The requester replies: a pending, on-hold or resolved ticket reopens; a closed one gets a follow-up (answered instead). */
export const POST = apiRoute({ permission: 'tickets.self', params: ticketIdParamsSchema, body: replySchema }, async ({ ctx, params, body }) =>
  NextResponse.json(await replyToMyTicket(ctx, { id: params.id, ...body }), { status: 201 }),
);

import { NextResponse } from 'next/server';
import { boardBody, createdBody } from '@/lib/api/partner-support';
import { apiRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { listBoard } from '@/lib/data/ticket-board';
import { createTicket } from '@/lib/data/tickets';
import { boardFiltersSchema } from '@/lib/validation/board';
import { partnerCreateTicketSchema } from '@/lib/validation/tickets';

/**
 * Tickets across every tenant the caller's links grant tickets in (the seed's contract 7): a
 * Tenant on each row, the filters of the board, and counts for the whole filter.
 */
export const GET = apiRoute({ permission: 'partner.support.tickets.list', query: boardFiltersSchema }, async ({ ctx, query }) =>
  boardBody(await listBoard(ctx, { ...query, tenant_ids: query.tenant_ids?.join(','), status: query.status?.join(',') }), query.limit),
);

/**
 * Opens a ticket on behalf of the managed tenant named by X-Active-Tenant-Id (contract 8): 201
 * with its number, "created by" the partner, and when its first SLA target falls due. The
 * permission is the tenant's tickets.create, which a link grants only to staff holding
 * partner.support.tickets.create at home (lib/rbac/link-roles.ts).
 */
export const POST = apiRoute({ permission: 'tickets.create', body: partnerCreateTicketSchema }, async ({ ctx, body }) => {
  if (ctx.via !== 'link') {
    throw new AppError('VALIDATION_ERROR', 'Name the managed tenant in X-Active-Tenant-Id: a partner opens tickets on behalf of a tenant it manages.', {
      fieldErrors: { 'header.X-Active-Tenant-Id': ['Required: the managed tenant to open the ticket in.'] },
    });
  }
  const ticket = await createTicket(ctx, { subject: body.subject, description: body.description, priority: body.priority, category: body.category, requesterId: body.customer_id });
  return NextResponse.json(createdBody(ticket, ctx.activeTenant.id), { status: 201 });
});

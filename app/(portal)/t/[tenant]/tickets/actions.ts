'use server';

import { revalidatePath } from 'next/cache';
import { tenantAction } from '@/lib/api/action';
import { createTicket, updateTicketStatus } from '@/lib/data/tickets';
import { createTicketSchema, ticketIdParamsSchema, updateTicketSchema } from '@/lib/validation/tickets';

const refresh = (slug: string) => revalidatePath(`/t/${slug}/tickets`);

export const createTicketAction = tenantAction({ permission: 'tickets.create', input: createTicketSchema }, async (ctx, input) => {
  const ticket = await createTicket(ctx, input);
  refresh(ctx.activeTenant.slug);
  return ticket;
});

export const updateTicketStatusAction = tenantAction(
  { permission: 'tickets.update', input: ticketIdParamsSchema.extend(updateTicketSchema.shape) },
  async (ctx, { id, status }) => {
    const ticket = await updateTicketStatus(ctx, { id, status });
    refresh(ctx.activeTenant.slug);
    return ticket;
  },
);

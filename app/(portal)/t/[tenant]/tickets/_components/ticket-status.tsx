'use client';

import { ActionSelect } from '@/components/forms/action-select';
import { ticketStatuses } from '@/lib/config/enums';
import type { TicketDto } from '@/lib/validation/tickets';
import { updateTicketStatusAction } from '../actions';

export function TicketStatus({ slug, ticket }: { slug: string; ticket: Pick<TicketDto, 'id' | 'number' | 'status'> }) {
  return (
    <ActionSelect
      label={`Status of ${ticket.number}`}
      value={ticket.status}
      options={ticketStatuses}
      action={(status) => updateTicketStatusAction(slug, { id: ticket.id, status })}
    />
  );
}

'use client';

import { ActionSelect } from '@/components/forms/action-select';
import { statusBadge } from '@/lib/config/status';
import { ticketTransitions } from '@/lib/config/tickets';
import type { TicketDto } from '@/lib/validation/tickets';
import { updateTicketAction } from '../actions';

/** A ticket's status; a change made in another tenant (through a link) names that tenant and asks first. */
export function TicketStatus({ slug, ticket, actingIn }: { slug: string; ticket: Pick<TicketDto, 'id' | 'number' | 'status'>; actingIn: string | null }) {
  return (
    <ActionSelect
      label={`Status of ${ticket.number}`}
      value={ticket.status}
      options={[ticket.status, ...ticketTransitions[ticket.status]]}
      labelOf={statusWords}
      action={(status) => updateTicketAction(slug, { id: ticket.id, status })}
      confirm={(status) =>
        actingIn
          ? { title: `Set ${ticket.number} in ${actingIn} to ${statusWords(status).toLowerCase()}?`, description: `You are acting in ${actingIn} through a link; the change is audited there.`, action: `Set to ${statusWords(status).toLowerCase()}` }
          : undefined
      }
    />
  );
}

/** A ticket status in words ("On hold"), as its badge shows it. */
export const statusWords = (status: string) => statusBadge(status).text;

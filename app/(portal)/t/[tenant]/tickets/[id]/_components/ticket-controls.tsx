'use client';

import { ActionSelect } from '@/components/forms/action-select';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { ticketPriorities, type TicketStatus } from '@/lib/config/enums';
import { ticketTransitions } from '@/lib/config/tickets';
import type { TicketDto } from '@/lib/validation/tickets';
import { updateTicketAction } from '../../actions';
import { statusWords } from '../../_components/ticket-status';

/**
 * What staff change on a ticket: its status (only the moves the flow allows are offered), its
 * priority, and who works it. In another tenant (through a link) each change names it first.
 */
export function TicketControls({ slug, ticket, me, actingIn }: { slug: string; ticket: TicketDto; me: string; actingIn: string | null }) {
  const { pending, error, run, dialog } = useActionRunner();
  const where = actingIn ? { description: `You are acting in ${actingIn} through a link; the change is audited there.` } : null;
  const statuses = [ticket.status, ...ticketTransitions[ticket.status]] as TicketStatus[];
  return (
    <div className="flex flex-wrap items-center gap-4" aria-label="Ticket controls" role="group">
      <label className="flex items-center gap-2 text-sm">
        Status
        <ActionSelect
          label={`Status of ${ticket.number}`}
          value={ticket.status}
          options={statuses}
          labelOf={statusWords}
          action={(status) => updateTicketAction(slug, { id: ticket.id, status })}
          confirm={(status) => (where ? { title: `Set ${ticket.number} in ${actingIn} to ${statusWords(status).toLowerCase()}?`, ...where, action: `Set to ${statusWords(status).toLowerCase()}` } : undefined)}
        />
      </label>
      <label className="flex items-center gap-2 text-sm">
        Priority
        <ActionSelect
          label={`Priority of ${ticket.number}`}
          value={ticket.priority}
          options={ticketPriorities}
          action={(priority) => updateTicketAction(slug, { id: ticket.id, priority })}
          confirm={(priority) => (where ? { title: `Set the priority of ${ticket.number} in ${actingIn} to ${priority}?`, ...where, action: `Set to ${priority}` } : undefined)}
        />
      </label>
      {ticket.assignee?.id !== me && (
        <Button
          size="sm"
          variant="outline"
          disabled={pending}
          onClick={() =>
            run(() => updateTicketAction(slug, { id: ticket.id, assigneeId: me }), {
              confirm: where ? { title: `Assign ${ticket.number} in ${actingIn} to yourself?`, ...where, action: 'Assign to me' } : undefined,
              success: `${ticket.number} is yours.`,
            })
          }
        >
          Assign to me
        </Button>
      )}
      {error && <span className="text-sm text-destructive">{error}</span>}
      {dialog}
    </div>
  );
}

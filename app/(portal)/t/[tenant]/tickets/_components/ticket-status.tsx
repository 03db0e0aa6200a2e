'use client';

import { useActionRunner } from '@/components/forms/use-action-runner';
import { ticketStatuses, type TicketDto } from '@/lib/validation/tickets';
import { updateTicketStatusAction } from '../actions';

export function TicketStatus({ slug, ticket }: { slug: string; ticket: Pick<TicketDto, 'id' | 'number' | 'status'> }) {
  const { pending, error, run } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      <select
        aria-label={`Status of ${ticket.number}`}
        value={ticket.status}
        disabled={pending}
        onChange={(e) => run(() => updateTicketStatusAction(slug, { id: ticket.id, status: e.target.value as TicketDto['status'] }))}
        className="h-8 rounded-md border bg-background px-2 text-sm"
      >
        {ticketStatuses.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

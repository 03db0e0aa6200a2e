import type { TicketCommentDto } from '@/lib/validation/tickets';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * A ticket's thread, oldest first. Internal notes (staff pages only: the requester's pages are
 * given public comments alone) are marked in words, not by colour only.
 */
export function TicketThread({ comments, empty }: { comments: TicketCommentDto[]; empty: string }) {
  if (comments.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <ol className="flex flex-col gap-3" aria-label="Conversation">
      {comments.map((c) => (
        <li
          key={c.id}
          data-testid="ticket-comment"
          data-internal={c.internal}
          className={`rounded-md border p-3 text-sm ${c.internal ? 'border-amber-400 bg-amber-50 dark:bg-amber-950/30' : c.fromRequester ? 'bg-muted/40' : 'bg-card'}`}
        >
          <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-xs text-muted-foreground">
            <span>
              <span className="font-medium text-foreground">{c.author}</span>
              {c.internal && <span className="ml-2 font-semibold uppercase tracking-wide text-amber-800 dark:text-amber-300">Internal note</span>}
            </span>
            <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
          </div>
          <p className="whitespace-pre-wrap">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}

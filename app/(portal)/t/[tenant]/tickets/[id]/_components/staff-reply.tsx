'use client';

import { useEffect, useRef, useState } from 'react';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { addTicketCommentAction } from '../../actions';

/** Staff write a public reply (mailed to the requester) or an internal note (never shown to them). */
export function StaffReply({ slug, ticketId, requester, compose }: { slug: string; ticketId: string; requester: string; compose?: 'reply' | 'note' }) {
  const { pending, error, run } = useActionRunner();
  const [internal, setInternal] = useState(compose === 'note');
  const box = useRef<HTMLTextAreaElement>(null);
  // Opened from the board's queue keys (r: reply, n: internal note): the box is ready to type in.
  useEffect(() => {
    if (compose) box.current?.focus();
  }, [compose]);
  const [body, setBody] = useState('');
  return (
    <form
      aria-label="Reply"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => addTicketCommentAction(slug, { id: ticketId, body, internal }), { success: internal ? 'Note added.' : 'Reply sent.', onSuccess: () => setBody('') });
      }}
    >
      <Label htmlFor="reply-body">{internal ? 'Internal note' : `Reply to ${requester}`}</Label>
      <textarea
        ref={box}
        id="reply-body"
        required
        rows={4}
        maxLength={10000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        className={`rounded-md border px-3 py-2 text-sm ${internal ? 'border-amber-400 bg-amber-50 dark:bg-amber-950/30' : 'bg-background'}`}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
        Internal note (staff only: never shown or mailed to the requester)
      </label>
      {error && <Alert variant="destructive">{error}</Alert>}
      <div>
        <Button type="submit" disabled={pending || body.trim() === ''}>
          {internal ? 'Add note' : 'Send reply'}
        </Button>
      </div>
    </form>
  );
}

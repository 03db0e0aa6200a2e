'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { createMyTicketAction, replyToMyTicketAction } from '../actions';

/** "Contact support": subject and description; the new ticket's page opens. */
export function NewMyTicket({ slug }: { slug: string }) {
  const { pending, error, run } = useActionRunner();
  const router = useRouter();
  const submit = (form: FormData) =>
    run(() => createMyTicketAction(slug, { subject: String(form.get('subject') ?? ''), description: String(form.get('description') ?? '') }), {
      success: 'Ticket opened.',
      onSuccess: (t) => router.push(`/t/${slug}/account/tickets/${t.id}`),
    });
  return (
    <form action={submit} aria-label="New ticket" className="flex flex-col gap-3">
      {error && <Alert variant="destructive">{error}</Alert>}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="my-subject">Subject</Label>
        <Input id="my-subject" name="subject" required minLength={3} maxLength={200} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="my-description">What happened?</Label>
        <textarea id="my-description" name="description" required rows={4} maxLength={10000} className="rounded-md border bg-background px-3 py-2 text-sm" />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          Open ticket
        </Button>
      </div>
    </form>
  );
}

/** The requester's reply; on a closed ticket it opens a follow-up, and that page opens. */
export function MyReply({ slug, ticketId, closed }: { slug: string; ticketId: string; closed: boolean }) {
  const { pending, error, run } = useActionRunner();
  const router = useRouter();
  const [body, setBody] = useState('');
  return (
    <form
      aria-label="Reply"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => replyToMyTicketAction(slug, { id: ticketId, body }), {
          success: closed ? 'A follow-up ticket is open.' : 'Reply sent.',
          onSuccess: (t) => {
            setBody('');
            if (t.id !== ticketId) router.push(`/t/${slug}/account/tickets/${t.id}`);
          },
        });
      }}
    >
      <Label htmlFor="my-reply">{closed ? 'This ticket is closed. Write to open a follow-up' : 'Your reply'}</Label>
      <textarea id="my-reply" required rows={4} maxLength={10000} value={body} onChange={(e) => setBody(e.target.value)} className="rounded-md border bg-background px-3 py-2 text-sm" />
      {error && <Alert variant="destructive">{error}</Alert>}
      <div>
        <Button type="submit" disabled={pending || body.trim() === ''}>
          {closed ? 'Open a follow-up' : 'Send reply'}
        </Button>
      </div>
    </form>
  );
}

'use client';

import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { sendPasswordLinkAction } from '../../actions';

/** Mails the user a new set-password link, after saying where it goes. */
export function PasswordLinkButton({ slug, id, email }: { slug: string; id: string; email: string }) {
  const runner = useActionRunner();
  return (
    <div className="flex flex-col gap-1">
      <Button
        type="button"
        size="sm"
        variant="outline"
        className="self-start"
        disabled={runner.pending}
        onClick={() =>
          runner.run(() => sendPasswordLinkAction(slug, { id }), {
            confirm: {
              title: 'Send a password link?',
              description: `A link to choose a new password goes to ${email}. It works once, for 7 days; earlier links stop working. The current password keeps working until the link is used.`,
              action: 'Send link',
            },
            success: `Sent to ${email}.`,
          })
        }
      >
        Send a password link
      </Button>
      {runner.error && (
        <p role="alert" className="text-destructive text-sm">
          {runner.error}
        </p>
      )}
      {runner.dialog}
    </div>
  );
}

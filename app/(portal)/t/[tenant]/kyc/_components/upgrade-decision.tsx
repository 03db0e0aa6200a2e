'use client';

import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { decideUpgradeAction } from '../actions';

export function UpgradeDecision({ slug, id, name, to }: { slug: string; id: string; name: string; to: string }) {
  const runner = useActionRunner();
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button size="sm" disabled={runner.pending} onClick={() => runner.run(() => decideUpgradeAction(slug, { id, decision: 'approve' }), { success: `${name} is now ${to}.` })}>
        Approve<span className="sr-only">: {name}</span>
      </Button>
      <Button
        size="sm"
        variant="outline"
        disabled={runner.pending}
        onClick={() =>
          runner.run(() => decideUpgradeAction(slug, { id, decision: 'reject' }), {
            success: `Declined: ${name}.`,
            confirm: { title: `Decline ${name}'s upgrade to ${to}?`, description: 'They are told by mail and in the portal.', action: 'Decline' },
          })
        }
      >
        Decline<span className="sr-only">: {name}</span>
      </Button>
      {runner.error && <span className="text-xs text-destructive">{runner.error}</span>}
      {runner.dialog}
    </span>
  );
}

'use client';

import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import type { LockedAccountDto } from '@/lib/validation/users';
import { unlockUserAction } from '../actions';

/** Accounts whose sign-in is locked now (5 wrong passwords in 15 minutes), each with Unlock. */
export function LockedAccounts({ slug, accounts, canWrite }: { slug: string; accounts: LockedAccountDto[]; canWrite: boolean }) {
  const runner = useActionRunner();
  return (
    <section aria-labelledby="locked-title" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <h2 id="locked-title" className="mb-2 font-medium">
        Sign-in locked ({accounts.length})
      </h2>
      <ul className="flex flex-col gap-2">
        {accounts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2">
            <span>
              {a.name} ({a.email}): {a.attempts} wrong passwords, locked until {a.lockedUntil.slice(11, 16)} UTC
            </span>
            {canWrite && (
              <Button size="sm" variant="outline" disabled={runner.pending} onClick={() => runner.run(() => unlockUserAction(slug, { id: a.id }), { success: `Unlocked: ${a.name}.` })}>
                Unlock<span className="sr-only"> {a.name}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
      {runner.error && (
        <p role="alert" className="mt-2 text-destructive">
          {runner.error}
        </p>
      )}
    </section>
  );
}

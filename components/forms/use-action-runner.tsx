'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import type { ActionResult } from '@/lib/api/action-result';
import { ConfirmDialog, type Confirmation } from './confirm-dialog';

type RunOptions<T> = { confirm?: Confirmation; success?: string; onSuccess?: (data: T) => void };

/**
 * Runs a server action from a button: an optional confirmation dialog (render `dialog`), pending
 * state, the error message on failure next to the control, and on success a toast (when given)
 * and a refresh of the server-rendered page.
 */
export function useActionRunner() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ confirmation: Confirmation; proceed: () => void; opener: HTMLElement | null } | null>(null);

  const execute = <T,>(fn: () => Promise<ActionResult<T>>, opts: RunOptions<T>) =>
    start(async () => {
      const result = await fn();
      if (!result.ok) {
        const fields = Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v[0]}`);
        return setError([result.error.message, ...fields].join(' '));
      }
      setError(null);
      if (opts.success) toast.success(opts.success);
      opts.onSuccess?.(result.data);
      router.refresh();
    });

  const run = <T,>(fn: () => Promise<ActionResult<T>>, opts: RunOptions<T> = {}) => {
    // The dialog has no trigger of its own: focus goes back to whatever opened it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (opts.confirm) setAsking({ confirmation: opts.confirm, proceed: () => execute(fn, opts), opener });
    else execute(fn, opts);
  };

  const dialog = (
    <ConfirmDialog
      confirmation={asking?.confirmation ?? null}
      returnFocusTo={asking?.opener ?? null}
      onCancel={() => setAsking(null)}
      onConfirm={() => {
        asking?.proceed();
        setAsking(null);
      }}
    />
  );
  return { pending, error, run, dialog };
}

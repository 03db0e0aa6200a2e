'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/api/action-result';

/**
 * Runs a server action from a button: optional confirmation, pending state, the error message
 * on failure, and a refresh of the server-rendered page on success.
 */
export function useActionRunner() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = <T,>(fn: () => Promise<ActionResult<T>>, opts: { confirm?: string; onSuccess?: (data: T) => void } = {}) => {
    if (opts.confirm && !window.confirm(opts.confirm)) return;
    start(async () => {
      const result = await fn();
      if (!result.ok) {
        const fields = Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v[0]}`);
        return setError([result.error.message, ...fields].join(' '));
      }
      setError(null);
      opts.onSuccess?.(result.data);
      router.refresh();
    });
  };
  return { pending, error, run };
}

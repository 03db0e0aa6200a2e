'use client';

import type { ActionResult } from '@/lib/api/action-result';
import type { Confirmation } from './confirm-dialog';
import { useActionRunner } from './use-action-runner';
import { NativeSelect } from '@/components/ui/native-select';

/** A select that saves on change through a server action (after a confirmation when asked), with the error next to it. */
export function ActionSelect<V extends string>({
  label,
  value,
  options,
  labelOf,
  action,
  confirm,
}: {
  label: string;
  value: V;
  options: readonly V[];
  /** How an option reads (a status's words, not its key). */
  labelOf?: (value: V) => string;
  action: (next: V) => Promise<ActionResult<unknown>>;
  confirm?: (next: V) => Confirmation | undefined;
}) {
  const { pending, error, run, dialog } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      <NativeSelect
        aria-label={label}
        value={value}
        options={options}
        labelOf={labelOf as ((value: string) => string) | undefined}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value as V;
          run(() => action(next), { confirm: confirm?.(next) });
        }}
        className="h-8"
      />
      {error && <span className="text-xs text-destructive">{error}</span>}
      {dialog}
    </span>
  );
}

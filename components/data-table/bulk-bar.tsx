'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog, type Confirmation } from '@/components/forms/confirm-dialog';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ActionResult } from '@/lib/api/action-result';
import type { BulkOutcome } from '@/lib/validation/common';

export type BulkAction<T> = {
  label: string;
  /** Asked before running, with the number of rows. */
  confirm?: (count: number) => Confirmation;
  run: (ids: string[]) => Promise<ActionResult<BulkOutcome[]>>;
  /** Which selected rows it applies to (the others are not sent). */
  appliesTo?: (row: T) => boolean;
};

/**
 * The bar over a table with a selection: how many rows, the bulk actions, Clear (and Escape).
 * After a run (the selection is cleared) it lists what happened to each row: succeeded, skipped
 * (with why), failed, until dismissed.
 */
export function BulkBar<T extends { id: string }>({
  actions,
  selected,
  rowLabel,
  onClear,
}: {
  actions: BulkAction<T>[];
  selected: T[];
  rowLabel: (row: T) => string;
  onClear: () => void;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState<{ confirmation: Confirmation; proceed: () => void } | null>(
    null,
  );
  const [results, setResults] = useState<{
    label: string;
    outcomes: (BulkOutcome & { name: string })[];
  } | null>(null);

  const hasSelection = selected.length > 0;
  useEffect(() => {
    if (!hasSelection) return;
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key === 'Escape' &&
        !document.querySelector('[role="dialog"],[role="alertdialog"],[role="menu"]')
      )
        onClear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClear, hasSelection]);

  const execute = (action: BulkAction<T>) =>
    start(async () => {
      const names = new Map(selected.map((r) => [r.id, rowLabel(r)]));
      const result = await action.run(
        selected.filter((r) => action.appliesTo?.(r) ?? true).map((r) => r.id),
      );
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      const outcomes = result.data.map((o) => ({ ...o, name: names.get(o.id) ?? o.id }));
      const count = (k: BulkOutcome['outcome']) => outcomes.filter((o) => o.outcome === k).length;
      const summary = `${action.label}: ${count('succeeded')} succeeded, ${count('skipped')} skipped, ${count('failed')} failed`;
      if (count('failed') > 0) toast.error(summary);
      else toast.success(summary);
      setResults({ label: action.label, outcomes });
      onClear();
      router.refresh();
    });

  return (
    <>
      {hasSelection && (
        <div
          role="region"
          aria-label="Bulk actions"
          className="bg-secondary/50 flex flex-wrap items-center gap-2 rounded-md border px-3 py-2 text-sm"
        >
          <span className="font-medium">{selected.length} selected</span>
          {actions.map((a) => (
            <Button
              key={a.label}
              size="sm"
              variant="outline"
              disabled={pending}
              onClick={() => {
                const confirmation = a.confirm?.(selected.length);
                if (confirmation) setAsking({ confirmation, proceed: () => execute(a) });
                else execute(a);
              }}
            >
              {a.label}
            </Button>
          ))}
          <Button size="sm" variant="ghost" onClick={onClear} className="ml-auto">
            Clear selection <kbd className="text-muted-foreground ml-1 text-[10px]">Esc</kbd>
          </Button>
        </div>
      )}
      {results && (
        <BulkResults
          label={results.label}
          outcomes={results.outcomes}
          onClose={() => setResults(null)}
        />
      )}
      <ConfirmDialog
        confirmation={asking?.confirmation ?? null}
        returnFocusTo={null}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          asking?.proceed();
          setAsking(null);
        }}
      />
    </>
  );
}

function BulkResults({
  label,
  outcomes,
  onClose,
}: {
  label: string;
  outcomes: (BulkOutcome & { name: string })[];
  onClose: () => void;
}) {
  return (
    <section aria-label={`Results: ${label}`} className="rounded-md border px-3 py-2 text-sm">
      <div className="mb-1 flex items-center justify-between">
        <h2 className="font-medium">Results: {label}</h2>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Dismiss
        </Button>
      </div>
      <ul className="flex flex-col gap-1">
        {outcomes.map((o) => (
          <li key={o.id} className="flex items-center gap-2">
            <StatusBadge value={o.outcome} className="w-20 justify-center" />
            <span>{o.name}</span>
            {o.reason && <span className="text-muted-foreground">— {o.reason}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

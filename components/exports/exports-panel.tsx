'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, FileDown, X } from 'lucide-react';
import { Popover, Progress } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ExportDto } from '@/lib/validation/exports';

export const EXPORTS_KEY = ['exports'] as const;

async function fetchExports(): Promise<ExportDto[]> {
  const res = await fetch('/api/v1/exports', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`exports ${res.status}`);
  return ((await res.json()) as { items: ExportDto[] }).items;
}

const active = (e: ExportDto) => e.status === 'queued' || e.status === 'running';
const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`);
const daysLeft = (iso: string) => Math.max(1, Math.ceil((Date.parse(iso) - Date.now()) / 86_400_000));

/**
 * The user's exports, starting from what the page was rendered with (no request per page load,
 * which would also spend the user's API budget); polls while one runs (every 2 s) and stops once
 * every one has finished (EXP-4). Starting an export invalidates it.
 */
export function useExports(initial: ExportDto[]) {
  return useQuery({ queryKey: EXPORTS_KEY, queryFn: fetchExports, initialData: initial, staleTime: Infinity, refetchInterval: (q) => ((q.state.data ?? []).some(active) ? 2000 : false) });
}

/**
 * The header's Exports indicator and panel (EXP-2..6): every export of the user with its state,
 * a real progress bar while it runs ("1,200 of 5,000 rows"), Cancel, and when ready its size,
 * row count, expiry and Download. It lives on the server, so it survives reload and navigation;
 * a polite live region says only when one starts and finishes.
 */
export function ExportsPanel({ initial }: { initial: ExportDto[] }) {
  const { data = [] } = useExports(initial);
  const client = useQueryClient();
  const [announce, setAnnounce] = useState('');
  const seen = useRef(new Map<string, string>());
  useEffect(() => {
    for (const e of data) {
      const before = seen.current.get(e.id);
      if (before && before !== e.status && !active(e)) setAnnounce(`Export ${e.fileName} ${e.status}.`);
      seen.current.set(e.id, e.status);
    }
  }, [data]);
  const running = data.filter(active).length;
  if (data.length === 0) return <span className="sr-only" aria-live="polite">{announce}</span>;
  const cancel = async (id: string) => {
    await fetch(`/api/v1/exports/${id}/cancel`, { method: 'POST' });
    await client.invalidateQueries({ queryKey: EXPORTS_KEY });
  };
  return (
    <>
      <span className="sr-only" aria-live="polite">
        {announce}
      </span>
      <Popover.Root>
        <Popover.Trigger asChild>
          <Button variant="ghost" size="sm" aria-label={running > 0 ? `Exports, ${running} running` : 'Exports'} data-testid="exports-indicator">
            <FileDown className="size-4" aria-hidden />
            Exports
            {running > 0 && <span className="rounded-full bg-primary px-1.5 text-xs text-primary-foreground">{running}</span>}
          </Button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content align="end" sideOffset={6} className="z-50 w-96 rounded-md border bg-popover p-3 text-sm text-popover-foreground shadow-md" aria-label="Exports">
            <h2 className="mb-2 font-semibold">Exports</h2>
            <ul className="flex max-h-96 flex-col gap-3 overflow-y-auto">
              {data.map((e) => (
                <li key={e.id} className="flex flex-col gap-1 border-b pb-2 last:border-0" data-testid="export-row" data-status={e.status}>
                  <div className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">{e.fileName}</span>
                    <StatusBadge value={e.status} />
                  </div>
                  <p className="text-xs text-muted-foreground">{e.scope}</p>
                  {active(e) && <ExportProgress e={e} />}
                  {e.status === 'ready' && (
                    <div className="flex items-center justify-between gap-2 text-xs">
                      <span>
                        {e.doneRows.toLocaleString()} rows, {size(e.sizeBytes)}. Link expires in {daysLeft(e.expiresAt)} {daysLeft(e.expiresAt) === 1 ? 'day' : 'days'}.
                      </span>
                      <Button asChild size="sm" variant="outline">
                        <a href={e.downloadUrl!} download={e.fileName}>
                          <Download className="size-3" aria-hidden /> Download
                        </a>
                      </Button>
                    </div>
                  )}
                  {e.status === 'expired' && <p className="text-xs">Expired. Export again from the list.</p>}
                  {e.status === 'failed' && <p className="text-xs text-destructive">{e.error ?? 'The export failed.'} Start it again from the list.</p>}
                  {active(e) && (
                    <div>
                      <Button size="sm" variant="ghost" onClick={() => void cancel(e.id)}>
                        <X className="size-3" aria-hidden /> Cancel
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </>
  );
}

/** A real progress bar: indeterminate until the total is known, then "1,200 of 5,000 rows" (EXP-3). */
function ExportProgress({ e }: { e: ExportDto }) {
  const known = e.totalRows !== null && e.status === 'running';
  const label = known ? `${e.doneRows.toLocaleString()} of ${e.totalRows!.toLocaleString()} rows` : e.status === 'queued' ? 'Waiting to start' : 'Counting rows';
  return (
    <div className="flex flex-col gap-1">
      <Progress.Root
        className="relative h-2 overflow-hidden rounded-full bg-secondary"
        value={known ? Math.min(e.doneRows, e.totalRows!) : null}
        max={known ? Math.max(1, e.totalRows!) : 100}
        getValueLabel={() => label}
        aria-label={`Progress of ${e.fileName}`}
      >
        <Progress.Indicator className="h-full bg-primary transition-all" style={{ width: known ? `${(100 * Math.min(e.doneRows, e.totalRows!)) / Math.max(1, e.totalRows!)}%` : '30%' }} />
      </Progress.Root>
      <span className="text-xs text-muted-foreground">{label}</span>
    </div>
  );
}

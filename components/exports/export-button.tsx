'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { Button } from '@/components/ui/button';
import { EXPORTS_KEY } from './exports-panel';

/**
 * "Export CSV" for the list as filtered now (EXP-1): a dialog states what and how much, then the
 * export starts (202) and the Exports panel follows it. Over the hourly limit the answer says
 * when to try again (EXP-6).
 */
export function ExportButton({ endpoint, body, title, description }: { endpoint: string; body: object; title: string; description: string }) {
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [opener, setOpener] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      if (res.status === 202) {
        toast.success('Export started. Follow it under Exports, top right.');
        await client.invalidateQueries({ queryKey: EXPORTS_KEY });
      } else {
        toast.error(answer.error?.message ?? 'The export could not start.');
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        disabled={busy}
        onClick={(e) => {
          setOpener(e.currentTarget);
          setAsking(true);
        }}
      >
        Export CSV
      </Button>
      <ConfirmDialog
        confirmation={asking ? { title, description, action: 'Start export' } : null}
        returnFocusTo={opener}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void start();
        }}
      />
    </>
  );
}

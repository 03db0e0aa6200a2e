'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/api/action-result';

/**
 * What a page opened from a one-time mailed link shows: a button, not an automatic use, so a
 * mail scanner that opens the link uses nothing. The action answers the message to show.
 */
export function OneTimeLinkButton({
  tenant,
  token,
  action,
  label,
  pendingLabel,
  next,
}: {
  tenant: string;
  token: string;
  action: (input: { tenant: string; token: string }) => Promise<ActionResult<{ message: string }>>;
  label: string;
  pendingLabel: string;
  next: { href: string; label: string };
}) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  if (result?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <Alert variant="info">{result.message}</Alert>
        <Button asChild>
          <Link href={next.href}>{next.label}</Link>
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {result && <Alert variant="destructive">{result.message}</Alert>}
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await action({ tenant, token });
            setResult(r.ok ? { ok: true, message: r.data.message } : { ok: false, message: r.error.message });
          })
        }
      >
        {pending ? pendingLabel : label}
      </Button>
    </div>
  );
}

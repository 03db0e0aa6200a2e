'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { unlockAction } from '../actions';

/** A button, not an automatic unlock: a mail scanner that opens the link unlocks nothing. */
export function UnlockButton({ tenant, token }: { tenant: string; token: string }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  if (result?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <Alert variant="info">{result.message}</Alert>
        <Button asChild>
          <Link href={`/t/${tenant}/login`}>Sign in</Link>
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
            const r = await unlockAction({ tenant, token });
            setResult(r.ok ? { ok: true, message: 'Unlocked: you can sign in again now.' } : { ok: false, message: r.error.message });
          })
        }
      >
        {pending ? 'Unlocking…' : 'Unlock my account'}
      </Button>
    </div>
  );
}

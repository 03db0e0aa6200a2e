'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { verifyEmailAction } from '../../signup/actions';

/** A button, not an automatic confirmation: mail scanners that open links confirm nothing. */
export function ConfirmEmail({ tenant, token }: { tenant: string; token: string }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  if (result?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <Alert variant="info">{result.message}</Alert>
        <Button asChild>
          <Link href={`/t/${tenant}/account`}>Go to My account</Link>
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
            const r = await verifyEmailAction({ tenant, token });
            setResult(r.ok ? { ok: true, message: `Confirmed: ${r.data.email} is your account's email.` } : { ok: false, message: r.error.message });
          })
        }
      >
        {pending ? 'Confirming…' : 'Confirm my email'}
      </Button>
    </div>
  );
}

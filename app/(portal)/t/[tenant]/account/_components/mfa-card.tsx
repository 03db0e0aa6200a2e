'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { MfaEnrolmentDto, MfaStatusDto } from '@/lib/validation/account';
import { confirmMfaAction, disableMfaAction, regenerateRecoveryCodesAction, startMfaAction } from '../actions';

/**
 * Two-factor authentication on My account: set-up (QR code and the key to type), the first code,
 * the ten recovery codes shown once; new recovery codes and turning it off each need a code.
 */
export function MfaCard({ slug, status }: { slug: string; status: MfaStatusDto }) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<MfaEnrolmentDto | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setError(null);
    setBusy(true);
    const result = await startMfaAction(slug, {});
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setEnrolment(result.data);
  };

  if (codes) {
    return (
      <div className="flex flex-col gap-3" role="region" aria-label="Recovery codes">
        <Alert variant="info">
          Save these recovery codes somewhere safe now: each signs you in once if you lose your phone. They are not shown again.
        </Alert>
        <ol className="grid max-w-md grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm" aria-label="Your recovery codes">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
        <div className="flex gap-2">
          <Button type="button" variant="outline" size="sm" onClick={() => void navigator.clipboard?.writeText(codes.join('\n')).then(() => toast.success('Copied.'))}>
            Copy codes
          </Button>
          <Button
            type="button"
            size="sm"
            onClick={() => {
              setCodes(null);
              router.refresh();
            }}
          >
            I have saved them
          </Button>
        </div>
      </div>
    );
  }

  if (status.enabled) {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm">
          On since {status.enabledAt?.slice(0, 10)}. Signing in asks for a code from your authenticator app. {status.recoveryCodesLeft} of 10 recovery codes left.
        </p>
        <CodeForm
          label="Code for new recovery codes"
          submit="Make new recovery codes"
          hint="Your old recovery codes stop working."
          onSubmit={async (code) => {
            const result = await regenerateRecoveryCodesAction(slug, { code });
            if (!result.ok) return result.error.message;
            setCodes(result.data.recoveryCodes);
            return null;
          }}
        />
        <CodeForm
          label="Code to turn off"
          submit="Turn off two-factor authentication"
          variant="destructive"
          hint={status.required ? 'Your organisation requires it: you will be asked to set it up again.' : 'Signing in will ask only for your password.'}
          onSubmit={async (code) => {
            const result = await disableMfaAction(slug, { code });
            if (!result.ok) return result.error.message;
            toast.success('Two-factor authentication is off.');
            router.refresh();
            return null;
          }}
        />
      </div>
    );
  }

  if (enrolment) {
    return (
      <div className="flex flex-col gap-4">
        <ol className="flex list-decimal flex-col gap-3 pl-5 text-sm">
          <li>
            Scan this code with an authenticator app (Google Authenticator, 1Password, Microsoft Authenticator…).
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server, nothing to optimise */}
            <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} className="mt-2 rounded border bg-white p-1" />
          </li>
          <li>
            Or type this key into the app: <code className="break-all rounded bg-muted px-1 font-mono" aria-label="Setup key">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
        <CodeForm
          label="Code from the app"
          submit="Turn on"
          onSubmit={async (code) => {
            const result = await confirmMfaAction(slug, { code });
            if (!result.ok) return result.error.message;
            setEnrolment(null);
            setCodes(result.data.recoveryCodes);
            toast.success('Two-factor authentication is on.');
            return null;
          }}
        />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      {error && <Alert variant="destructive">{error}</Alert>}
      <p className="text-sm">Off. With it on, signing in also asks for a code from an app on your phone, so a stolen password is not enough.</p>
      <div>
        <Button type="button" onClick={() => void start()} disabled={busy}>
          Set up two-factor authentication
        </Button>
      </div>
    </div>
  );
}

function CodeForm({
  label,
  submit,
  hint,
  variant,
  onSubmit,
}: {
  label: string;
  submit: string;
  hint?: string;
  variant?: 'destructive';
  onSubmit: (code: string) => Promise<string | null>;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = label.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <form
      className="flex max-w-md flex-col gap-2"
      aria-label={submit}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        void onSubmit(code).then((message) => {
          setBusy(false);
          setError(message);
          if (!message) setCode('');
        });
      }}
    >
      <Field id={id} label={label} error={error ?? undefined} hint={hint}>
        <Input id={id} autoComplete="one-time-code" spellCheck={false} maxLength={32} value={code} onChange={(e) => setCode(e.target.value)} {...describedBy(id, error ?? undefined, hint)} />
      </Field>
      <div>
        <Button type="submit" variant={variant} disabled={busy || code.trim() === ''}>
          {submit}
        </Button>
      </div>
    </form>
  );
}

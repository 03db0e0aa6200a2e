'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { SecuritySettings } from '@/lib/validation/account';
import { updateSecuritySettingsAction } from '../actions';

/** Whether the tenant's staff must sign in with a second factor. */
export function SecuritySettingsForm({ slug, settings, readOnly }: { slug: string; settings: SecuritySettings; readOnly: boolean }) {
  const router = useRouter();
  const [required, setRequired] = useState(settings.mfaRequired);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      aria-label="Sign-in security"
      className="flex max-w-xl flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setPending(true);
        void updateSecuritySettingsAction(slug, { mfaRequired: required }).then((result) => {
          setPending(false);
          if (!result.ok) return setError(result.error.message);
          toast.success('Sign-in security saved.');
          router.refresh();
        });
      }}
    >
      {error && <Alert variant="destructive">{error}</Alert>}
      <fieldset disabled={readOnly} className="flex flex-col gap-2">
        <div className="flex items-center gap-2 text-sm">
          <input id="mfaRequired" type="checkbox" className="size-4" checked={required} onChange={(e) => setRequired(e.target.checked)} aria-describedby="mfaRequired-hint" />
          <label htmlFor="mfaRequired">Staff must use two-factor authentication</label>
        </div>
        <p id="mfaRequired-hint" className="text-xs text-muted-foreground">
          Admins and partner staff without it see only My account, where they set it up, until they do. End users are not affected.
        </p>
        <div>
          <Button type="submit" disabled={pending}>
            Save sign-in security
          </Button>
        </div>
      </fieldset>
    </form>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LinkFields, readLinkFields } from '@/components/links/link-fields';
import { linkAccessRoleLabels } from '@/lib/config/enums';
import type { RequestLinkInput } from '@/lib/validation/links';
import { requestLinkAction } from '../actions';

/** Ask another tenant for access: role, period, denies (tenant permissions the role would grant) and service terms. */
export function RequestLinkForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = (form: FormData) =>
    start(async () => {
      const result = await requestLinkAction(slug, readLinkFields(form) as RequestLinkInput);
      if (!result.ok) {
        const fields = Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v[0]}`);
        return setMessage({ ok: false, text: [result.error.message, ...fields].join(' ') });
      }
      setMessage({ ok: true, text: `Requested access to ${result.data.managed.name} (${linkAccessRoleLabels[result.data.accessRole]}). Their admin decides.` });
      router.refresh();
    });
  return (
    <form action={submit} className="grid gap-3 md:grid-cols-4" aria-label="Request a link">
      {message && (
        <Alert variant={message.ok ? 'info' : 'destructive'} className="md:col-span-4">
          {message.text}
        </Alert>
      )}
      <LinkFields slugLabel="Tenant (slug)" />
      <div>
        <Button type="submit" disabled={pending}>
          Request link
        </Button>
      </div>
    </form>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { linkAccessRoles } from '@/lib/rbac/link-roles';
import { requestLinkAction } from '../actions';

/** Ask another tenant for access. Denies are tenant permissions the role would grant, comma-separated. */
export function RequestLinkForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = (form: FormData) =>
    start(async () => {
      const ends = String(form.get('endsAt') ?? '');
      const denies = String(form.get('denies') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const result = await requestLinkAction(slug, {
        managedSlug: String(form.get('managedSlug') ?? ''),
        accessRole: String(form.get('accessRole')) as (typeof linkAccessRoles)[number],
        endsAt: ends ? new Date(`${ends}T00:00:00Z`).toISOString() : null,
        customPermissions: Object.fromEntries(denies.map((p) => [p, false])),
      });
      if (!result.ok) {
        const fields = Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v[0]}`);
        return setMessage({ ok: false, text: [result.error.message, ...fields].join(' ') });
      }
      setMessage({ ok: true, text: `Requested ${result.data.accessRole} access to ${result.data.managed.name}. Their admin decides.` });
      router.refresh();
    });
  return (
    <form action={submit} className="grid gap-3 md:grid-cols-4" aria-label="Request a link">
      {message && (
        <Alert variant={message.ok ? 'info' : 'destructive'} className="md:col-span-4">
          {message.text}
        </Alert>
      )}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="managedSlug">Tenant (slug)</Label>
        <Input id="managedSlug" name="managedSlug" required />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="accessRole">Access role</Label>
        <select id="accessRole" name="accessRole" className="h-9 rounded-md border bg-background px-2 text-sm" defaultValue="msp_support">
          {linkAccessRoles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="endsAt">Ends (optional)</Label>
        <Input id="endsAt" name="endsAt" type="date" />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="denies">Deny (permissions, comma-separated)</Label>
        <Input id="denies" name="denies" placeholder="billing.invoices.export" />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          Request link
        </Button>
      </div>
    </form>
  );
}

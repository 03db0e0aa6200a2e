'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { LinkFields, readLinkFields } from '@/components/links/link-fields';
import type { RateLimitsDto } from '@/lib/validation/config';
import type { CreateLinkInput } from '@/lib/validation/links';
import { createLinkDirectAction, platformRevokeLinkAction, setRateLimitsAction } from '../actions';

export function PlatformRevokeButton({ slug, tenantId, linkId, label }: { slug: string; tenantId: string; linkId: string; label: string }) {
  const { pending, error, run, dialog } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      <Button
        size="sm"
        variant="destructive"
        disabled={pending}
        onClick={() =>
          run(() => platformRevokeLinkAction(slug, { tenantId, linkId }), {
            confirm: { title: `End the link ${label}?`, description: "Access ends on the partner's next request; both tenants see it in their audit log.", action: 'End link' },
            success: 'Link ended.',
          })
        }
      >
        End link
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
      {dialog}
    </span>
  );
}

/** Onboarding: link this tenant (as partner) to a managed tenant, live at once. */
export function CreateLinkForm({ slug, partnerId }: { slug: string; partnerId: string }) {
  const { pending, error, run } = useActionRunner();
  const submit = (form: FormData) => run(() => createLinkDirectAction(slug, { partnerId, link: readLinkFields(form) as CreateLinkInput }));
  return (
    <form action={submit} aria-label="Create a link" className="grid gap-3 md:grid-cols-4">
      {error && (
        <Alert variant="destructive" className="md:col-span-4">
          {error}
        </Alert>
      )}
      <LinkFields slugLabel="Managed tenant (slug)" />
      <div className="flex items-end">
        <Button type="submit" disabled={pending}>
          Create link
        </Button>
      </div>
    </form>
  );
}

const limitFields = [
  ['listPerMinute', 'Lists / min'],
  ['detailPerMinute', 'Details / min'],
  ['writePerMinute', 'Writes / min'],
  ['exportPerHour', 'Exports / hour'],
  ['linkPerMinute', 'Per managed tenant via link / min'],
] as const;

export function RateLimitsForm({ slug, tenantId, limits }: { slug: string; tenantId: string; limits: RateLimitsDto }) {
  const { pending, error, run } = useActionRunner();
  const submit = (form: FormData) =>
    run(() => setRateLimitsAction(slug, { tenantId, limits: Object.fromEntries(limitFields.map(([k]) => [k, Number(form.get(k))])) as Record<(typeof limitFields)[number][0], number> }));
  return (
    <form action={submit} aria-label="Rate limits" className="grid gap-3 md:grid-cols-6">
      {error && (
        <Alert variant="destructive" className="md:col-span-6">
          {error}
        </Alert>
      )}
      {limitFields.map(([k, label]) => (
        <div key={k} className="flex flex-col gap-1.5">
          <Label htmlFor={k}>{label}</Label>
          <Input id={k} name={k} type="number" min={1} required defaultValue={limits[k]} />
        </div>
      ))}
      <div className="flex items-end">
        <Button type="submit" size="sm" disabled={pending}>
          Save limits
        </Button>
      </div>
    </form>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useActionRunner } from '@/components/forms/use-action-runner';
import type { Permission } from '@/lib/config/permissions';
import { createRoleAction, deleteRoleAction, updateRoleAction } from '../actions';

type Props = {
  slug: string;
  /** Absent: a new custom role. */
  role?: { id: string; key: string; name: string; description: string | null; builtIn: boolean; permissions: Permission[] };
  /** Every permission a role in this tenant may hold, and which of them the editor holds. */
  grantable: Permission[];
  held: Permission[];
  readOnly?: boolean;
};

const areaOf = (p: string) => (p.startsWith('partner.') || p.startsWith('platform.') ? p.split('.').slice(0, 2).join('.') : p.split('.')[0]!);

/** Name, description and a permission checklist grouped by area. You can only tick what you hold. */
export function RoleEditor({ slug, role, grantable, held, readOnly = false }: Props) {
  const router = useRouter();
  const { pending, error, run, dialog } = useActionRunner();
  const [saved, setSaved] = useState(false);
  const heldSet = new Set(held);
  const current = new Set(role?.permissions ?? []);
  const locked = role?.key === 'admin';
  const areas = [...new Set(grantable.map(areaOf))];

  const submit = (form: FormData) => {
    const permissions = form.getAll('permissions').map(String) as Permission[];
    const name = String(form.get('name') ?? '');
    const description = String(form.get('description') ?? '');
    if (role) {
      run(() => updateRoleAction(slug, { id: role.id, name, description: description || null, permissions }), { onSuccess: () => setSaved(true) });
    } else {
      run(() => createRoleAction(slug, { key: String(form.get('key') ?? ''), name, description: description || undefined, permissions }), {
        onSuccess: (r) => router.push(`/t/${slug}/roles/${r.id}`),
      });
    }
  };

  return (
    <form action={submit} aria-label={role ? `Edit role ${role.name}` : 'New role'} className="flex flex-col gap-4" onChange={() => setSaved(false)}>
      {(error || saved) && <Alert variant={error ? 'destructive' : 'info'}>{error ?? 'Saved. Members get the new permissions on their next request.'}</Alert>}
      <div className="grid gap-3 md:grid-cols-3">
        {!role && (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="key">Key</Label>
            <Input id="key" name="key" required pattern="[a-z][a-z0-9_]{1,39}" placeholder="billing_lead" />
          </div>
        )}
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="name">Name</Label>
          <Input id="name" name="name" required minLength={2} maxLength={80} defaultValue={role?.name} disabled={readOnly} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="description">Description</Label>
          <Input id="description" name="description" maxLength={300} defaultValue={role?.description ?? ''} disabled={readOnly} />
        </div>
      </div>
      {locked && <p className="text-sm text-muted-foreground">The admin role keeps every permission.</p>}
      <fieldset className="grid gap-4 md:grid-cols-3" disabled={readOnly}>
        <legend className="mb-2 text-sm font-medium">Permissions</legend>
        {areas.map((area) => (
          <div key={area} className="rounded-md border p-3">
            <div className="mb-2 text-xs font-semibold uppercase text-muted-foreground">{area}</div>
            {grantable
              .filter((p) => areaOf(p) === area)
              .map((p) => {
                // Taking a permission away is always allowed; granting needs it.
                const disabled = (locked && current.has(p)) || (!heldSet.has(p) && !current.has(p));
                return (
                  <label key={p} className="flex items-center gap-2 py-0.5 text-sm" title={disabled && !locked ? 'You do not hold this permission.' : undefined}>
                    <input type="checkbox" name="permissions" value={p} defaultChecked={current.has(p)} disabled={disabled} />
                    {locked && current.has(p) && <input type="hidden" name="permissions" value={p} />}
                    <span className="font-mono text-xs">{p}</span>
                  </label>
                );
              })}
          </div>
        ))}
      </fieldset>
      {!readOnly && (
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {role ? 'Save role' : 'Create role'}
          </Button>
          {role && !role.builtIn && (
            <Button
              type="button"
              variant="destructive"
              disabled={pending}
              onClick={() =>
                run(() => deleteRoleAction(slug, { id: role.id }), {
                  confirm: { title: `Delete the role ${role.name}?`, description: 'Its members lose what it granted on their next request.', action: 'Delete role' },
                  onSuccess: () => router.push(`/t/${slug}/roles`),
                })
              }
            >
              Delete role
            </Button>
          )}
        </div>
      )}
      {dialog}
    </form>
  );
}

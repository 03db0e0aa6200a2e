'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { setUserRolesAction } from '../../../roles/actions';

/** Which roles a user holds; saved as a whole, effective on their next request. */
export function UserRolesForm({ slug, userId, roles, assigned }: { slug: string; userId: string; roles: { id: string; name: string }[]; assigned: string[] }) {
  const { pending, error, run } = useActionRunner();
  const [saved, setSaved] = useState(false);
  const submit = (form: FormData) =>
    run(() => setUserRolesAction(slug, { id: userId, roleIds: form.getAll('roleIds').map(String) }), { onSuccess: () => setSaved(true) });
  return (
    <form action={submit} aria-label="Assign roles" className="flex flex-col gap-3" onChange={() => setSaved(false)}>
      {(error || saved) && <Alert variant={error ? 'destructive' : 'info'}>{error ?? 'Roles saved. They apply on the next request.'}</Alert>}
      <div className="grid gap-1 md:grid-cols-3">
        {roles.map((r) => (
          <label key={r.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="roleIds" value={r.id} defaultChecked={assigned.includes(r.id)} />
            {r.name}
          </label>
        ))}
      </div>
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          Save roles
        </Button>
      </div>
    </form>
  );
}

'use client';

import { useActionRunner } from '@/components/forms/use-action-runner';
import { Button } from '@/components/ui/button';
import { setTenantStatusAction } from '../actions';

/** Stop (irreversible for its sessions and links, so the tenant's name must be typed) or reactivate. */
export function StatusButton({ slug, id, name, status }: { slug: string; id: string; name: string; status: 'active' | 'stopped' }) {
  const { pending, error, run, dialog } = useActionRunner();
  const next = status === 'active' ? 'stopped' : 'active';
  const act = () =>
    run(
      () => setTenantStatusAction(slug, { id, status: next }),
      next === 'stopped'
        ? {
            confirm: {
              title: `Stop ${name}?`,
              description: 'Its users are signed out now and every link to or from it ends. Its data stays; reactivating brings back neither sessions nor links.',
              action: 'Stop tenant',
              typeToConfirm: name,
            },
            success: `${name} stopped.`,
          }
        : { success: `${name} reactivated.` },
    );
  return (
    <span className="flex items-center gap-2">
      <Button variant={next === 'stopped' ? 'destructive' : 'outline'} size="sm" onClick={act} disabled={pending}>
        {next === 'stopped' ? 'Stop' : 'Reactivate'}
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
      {dialog}
    </span>
  );
}

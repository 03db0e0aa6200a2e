'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { setTenantStatusAction } from '../actions';

export function StatusButton({ slug, id, name, status }: { slug: string; id: string; name: string; status: 'active' | 'stopped' }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const next = status === 'active' ? 'stopped' : 'active';
  const act = () => {
    if (next === 'stopped' && !window.confirm(`Stop ${name}? Its users are signed out and every link to or from it ends now.`)) return;
    start(async () => {
      const result = await setTenantStatusAction(slug, { id, status: next });
      if (!result.ok) return setError(result.error.message);
      router.refresh();
    });
  };
  return (
    <span className="flex items-center gap-2">
      <Button variant={next === 'stopped' ? 'destructive' : 'outline'} size="sm" onClick={act} disabled={pending}>
        {next === 'stopped' ? 'Stop' : 'Reactivate'}
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

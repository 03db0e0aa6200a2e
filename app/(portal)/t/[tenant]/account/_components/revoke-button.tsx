'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTransition, useState } from 'react';
import { Button } from '@/components/ui/button';
import { revokeSessionAction } from '../actions';

export function RevokeButton({ slug, id, current }: { slug: string; id: string; current: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const revoke = () =>
    start(async () => {
      const result = await revokeSessionAction(slug, { id });
      if (!result.ok) return setError(result.error.message);
      if (result.data.revokedCurrent) return void signOut({ callbackUrl: `/t/${slug}/login` });
      router.refresh();
    });
  return (
    <span className="flex items-center gap-2">
      <Button variant="outline" size="sm" onClick={revoke} disabled={pending}>
        {current ? 'Revoke (signs you out)' : 'Revoke'}
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/api/action-result';
import { decideLinkAction, revokeAllLinksAction, revokeLinkAction } from '../actions';

function useLinkAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<ActionResult<unknown>>, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    start(async () => {
      const result = await fn();
      if (!result.ok) return setError(result.error.message);
      setError(null);
      router.refresh();
    });
  };
  return { pending, error, run };
}

export function LinkButtons({ slug, id, canDecide, canRevoke, partnerName }: { slug: string; id: string; canDecide: boolean; canRevoke: boolean; partnerName: string }) {
  const { pending, error, run } = useLinkAction();
  return (
    <span className="flex flex-wrap items-center gap-2">
      {canDecide && (
        <>
          <Button size="sm" disabled={pending} onClick={() => run(() => decideLinkAction(slug, { id, decision: 'approve' }))}>
            Approve
          </Button>
          <Button size="sm" variant="outline" disabled={pending} onClick={() => run(() => decideLinkAction(slug, { id, decision: 'reject' }))}>
            Reject
          </Button>
        </>
      )}
      {canRevoke && (
        <Button size="sm" variant="destructive" disabled={pending} onClick={() => run(() => revokeLinkAction(slug, { id }), `Revoke the link with ${partnerName}? Access ends on its next request.`)}>
          Revoke
        </Button>
      )}
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

export function RevokeAllButton({ slug }: { slug: string }) {
  const { pending, error, run } = useLinkAction();
  return (
    <span className="flex items-center gap-2">
      <Button variant="destructive" size="sm" disabled={pending} onClick={() => run(() => revokeAllLinksAction(slug, {}), 'Revoke every live link your tenant holds as a partner? Your staff lose access to all managed tenants now.')}>
        Revoke all
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

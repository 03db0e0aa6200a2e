'use client';

import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { decideLinkAction, revokeAllLinksAction, revokeLinkAction } from '../actions';

export function LinkButtons({ slug, id, canDecide, canRevoke, partnerName }: { slug: string; id: string; canDecide: boolean; canRevoke: boolean; partnerName: string }) {
  const { pending, error, run } = useActionRunner();
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
        <Button size="sm" variant="destructive" disabled={pending} onClick={() => run(() => revokeLinkAction(slug, { id }), { confirm: `Revoke the link with ${partnerName}? Access ends on its next request.` })}>
          Revoke
        </Button>
      )}
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

export function RevokeAllButton({ slug }: { slug: string }) {
  const { pending, error, run } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      <Button variant="destructive" size="sm" disabled={pending} onClick={() => run(() => revokeAllLinksAction(slug, {}), { confirm: 'Revoke every live link your tenant holds as a partner? Your staff lose access to all managed tenants now.' })}>
        Revoke all
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

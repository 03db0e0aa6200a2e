'use client';

import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { decideLinkAction, revokeAllLinksAction, revokeLinkAction } from '../actions';

export function LinkButtons({
  slug,
  id,
  canDecide,
  canRevoke,
  partnerName,
  tenantName,
  outgoing,
  role,
  grants,
}: {
  slug: string;
  id: string;
  canDecide: boolean;
  canRevoke: boolean;
  partnerName: string;
  tenantName: string;
  outgoing: boolean;
  /** The link's access role in words ("MSP full access"). */
  role: string;
  grants: string[];
}) {
  const { pending, error, run, dialog } = useActionRunner();
  // Who loses access to whom, in words: we manage them (outgoing) or they manage us.
  const title = outgoing ? `Revoke ${tenantName}'s access to ${partnerName}?` : `Revoke ${partnerName}'s access to ${tenantName}?`;
  return (
    <span className="flex flex-wrap items-center gap-2">
      {canDecide && (
        <>
          <Button
            size="sm"
            disabled={pending}
            onClick={() =>
              // Approving lets another tenant's staff act here: say exactly what it grants first.
              run(() => decideLinkAction(slug, { id, decision: 'approve' }), {
                confirm: {
                  title: `Give ${partnerName} access to ${tenantName} (${role})?`,
                  description: `Their staff will be able to use, within their own roles: ${grants.join(', ') || 'nothing'}.`,
                  action: 'Approve',
                },
                success: 'Link approved.',
              })
            }
          >
            Approve
          </Button>
          <Button size="sm" variant="outline" disabled={pending} onClick={() => run(() => decideLinkAction(slug, { id, decision: 'reject' }))}>
            Reject
          </Button>
        </>
      )}
      {canRevoke && (
        <Button
          size="sm"
          variant="destructive"
          disabled={pending}
          onClick={() =>
            run(() => revokeLinkAction(slug, { id }), {
              confirm: { title, description: 'The link ends now; the partner\'s staff lose access on their next request. This cannot be undone: a new link needs a new request.', action: 'Revoke' },
              success: 'Link revoked.',
            })
          }
        >
          Revoke
        </Button>
      )}
      {error && <span className="text-xs text-destructive">{error}</span>}
      {dialog}
    </span>
  );
}

/** The emergency stop: irreversible and wide, so the tenant's name must be typed. */
export function RevokeAllButton({ slug, tenantName }: { slug: string; tenantName: string }) {
  const { pending, error, run, dialog } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      <Button
        variant="destructive"
        size="sm"
        disabled={pending}
        onClick={() =>
          run(() => revokeAllLinksAction(slug, {}), {
            confirm: {
              title: `Revoke every link ${tenantName} holds as a partner?`,
              description: 'Your staff lose access to every managed tenant on their next request. Each link would have to be requested and approved again.',
              action: 'Revoke all',
              typeToConfirm: tenantName,
            },
            success: 'Every link revoked.',
          })
        }
      >
        Revoke all
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
      {dialog}
    </span>
  );
}

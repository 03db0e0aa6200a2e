'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ChainVerdictDto } from '@/lib/validation/audit';
import { verifyChainAction } from '../actions';

export function VerifyButton({ slug }: { slug: string }) {
  const [pending, start] = useTransition();
  const [verdict, setVerdict] = useState<ChainVerdictDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const verify = () =>
    start(async () => {
      const result = await verifyChainAction(slug, {});
      if (result.ok) setVerdict(result.data);
      else setError(result.error.message);
    });
  return (
    <div className="flex flex-col gap-2">
      <Button variant="outline" size="sm" onClick={verify} disabled={pending}>
        {pending ? 'Verifying…' : 'Verify chain'}
      </Button>
      {error && <Alert variant="destructive">{error}</Alert>}
      {verdict?.ok && (
        <Alert variant="info" data-testid="chain-verdict">
          Chain intact: {verdict.digests} digests, {verdict.events} sealed events; {verdict.unsealed} not sealed yet.
        </Alert>
      )}
      {verdict && !verdict.ok && (
        <Alert variant="destructive" data-testid="chain-verdict">
          Chain broken at digest {verdict.digestNo}: {verdict.problem.replace('_', ' ')}
          {verdict.eventSeq !== null ? `, event #${verdict.eventSeq}` : ''}.
        </Alert>
      )}
    </div>
  );
}

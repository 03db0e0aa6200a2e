'use client';

import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/forms/use-action-runner';
import type { FeatureKey } from '@/lib/config/features';
import { setFeatureAction } from '../actions';

/** Turns a feature on or off for this tenant; the page re-renders with the new navigation. */
export function FeatureToggle({ slug, featureKey, name, enabled }: { slug: string; featureKey: FeatureKey; name: string; enabled: boolean }) {
  const { pending, error, run } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      <Button
        size="sm"
        variant={enabled ? 'outline' : 'default'}
        disabled={pending}
        aria-label={`${enabled ? 'Turn off' : 'Turn on'} ${name}`}
        onClick={() => run(() => setFeatureAction(slug, { key: featureKey, enabled: !enabled }))}
      >
        {enabled ? 'Turn off' : 'Turn on'}
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

'use client';

import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { ActionSelect } from '@/components/forms/action-select';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { featureStages, type FeatureKey, type FeatureStage } from '@/lib/config/features';
import { setEarlyAccessAction, setStageAction } from '../actions';

export function StageSelect({ slug, featureKey, stage }: { slug: string; featureKey: FeatureKey; stage: FeatureStage }) {
  return (
    <ActionSelect
      label={`Stage of ${featureKey}`}
      value={stage}
      options={featureStages}
      action={(next) => setStageAction(slug, { key: featureKey, stage: next })}
      confirm={(next) =>
        next === 'off'
          ? { title: `Turn ${featureKey} off for every tenant?`, description: 'Every tenant loses the feature at once, whatever its own toggle or early access.', action: 'Turn off' }
          : undefined
      }
    />
  );
}

export function EarlyAccess({ slug, featureKey, tenants }: { slug: string; featureKey: FeatureKey; tenants: { slug: string; name: string }[] }) {
  const { pending, error, run } = useActionRunner();
  return (
    <div className="flex flex-col gap-2">
      <ul className="flex flex-wrap gap-2">
        {tenants.map((t) => (
          <li key={t.slug} className="flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs">
            {t.name}
            <button
              type="button"
              className="text-destructive hover:underline"
              aria-label={`Withdraw early access from ${t.name}`}
              disabled={pending}
              onClick={() => run(() => setEarlyAccessAction(slug, { key: featureKey, tenantSlug: t.slug, earlyAccess: false }))}
            >
              ×
            </button>
          </li>
        ))}
        {tenants.length === 0 && <li className="text-xs text-muted-foreground">nobody</li>}
      </ul>
      <form
        className="flex gap-2"
        aria-label={`Grant early access to ${featureKey}`}
        action={(form) => run(() => setEarlyAccessAction(slug, { key: featureKey, tenantSlug: String(form.get('tenantSlug') ?? ''), earlyAccess: true }))}
      >
        <Input name="tenantSlug" placeholder="tenant slug" className="h-8 w-40" required aria-label="Tenant slug" />
        <Button size="sm" variant="outline" type="submit" disabled={pending}>
          Grant
        </Button>
      </form>
      {error && <span className="text-xs text-destructive">{error}</span>}
    </div>
  );
}

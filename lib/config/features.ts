/**
 * The feature catalogue lives in code: a feature exists only if a release knows how to gate it.
 * The database holds the platform's global stage per key and each tenant's early access and
 * toggle; lib/data/features.ts decides with isEnabled().
 */
export const featureStages = ['off', 'beta', 'ga'] as const;
export type FeatureStage = (typeof featureStages)[number];

export const featureCatalogue = [
  {
    key: 'tickets',
    name: 'Support tickets',
    description: 'The Tickets workspace and /api/v1/tickets.',
    defaultStage: 'ga',
  },
  {
    key: 'bulk_export',
    name: 'Bulk export',
    description: 'CSV export of the whole user list (Users workspace, /api/v1/users/export).',
    defaultStage: 'beta',
  },
  {
    key: 'ai_assistant',
    name: 'AI assistant',
    description: 'Drafts ticket replies. Not released: no tenant can turn it on while its stage is off.',
    defaultStage: 'off',
  },
] as const satisfies readonly { key: string; name: string; description: string; defaultStage: FeatureStage }[];

export type FeatureKey = (typeof featureCatalogue)[number]['key'];
export const featureKeys = featureCatalogue.map((f) => f.key) as [FeatureKey, ...FeatureKey[]];

export type FeatureState = {
  stage: FeatureStage;
  earlyAccess: boolean;
  /** The tenant admin's toggle; null = never touched (on by default once the stage allows it). */
  tenantEnabled: boolean | null;
};

export type FeatureDecision = { enabled: boolean; reason: 'stage_off' | 'beta_without_early_access' | 'tenant_off' | 'on' };

/**
 * Evaluation order: the global stage first (off turns a feature off everywhere), then early access
 * (a beta feature exists only for tenants the platform chose), then the tenant's own toggle.
 */
export function decideFeature(state: FeatureState): FeatureDecision {
  if (state.stage === 'off') return { enabled: false, reason: 'stage_off' };
  if (state.stage === 'beta' && !state.earlyAccess) return { enabled: false, reason: 'beta_without_early_access' };
  if (state.tenantEnabled === false) return { enabled: false, reason: 'tenant_off' };
  return { enabled: true, reason: 'on' };
}

/** Whether the tenant admin may switch the feature at all (the stage must allow it). */
export const tenantMayToggle = (state: Pick<FeatureState, 'stage' | 'earlyAccess'>) =>
  state.stage === 'ga' || (state.stage === 'beta' && state.earlyAccess);

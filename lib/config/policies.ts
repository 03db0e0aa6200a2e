import type { UserType } from './enums';

/**
 * Session and usage policies per user type. Guests follow system-wide numbers that no tenant can
 * change; the other types start from the seeds' defaults and each tenant may change them.
 * A day is a rolling 24 hours and a week a rolling 7 days.
 */
export type { UserType };
export const breachActions = ['warn', 'throttle', 'idle'] as const;
export type BreachAction = (typeof breachActions)[number];

export type SessionPolicy = {
  /** Sessions end this many minutes after sign-in, whatever happens (guests). */
  fixedLifetimeMinutes: number | null;
  /** Sessions end after this many minutes without a request. */
  inactivityTimeoutMinutes: number | null;
  opsPerDay: number | null;
  opsPerWeek: number | null;
  breachAction: BreachAction;
  /** Signing in past the cap ends the oldest sessions. */
  maxConcurrentSessions: number | null;
};

/** Every session, whatever the policy, ends 12 hours after sign-in. */
export const ABSOLUTE_SESSION_HOURS = 12;

export const GUEST_POLICY: Readonly<SessionPolicy> = Object.freeze({
  fixedLifetimeMinutes: 20,
  inactivityTimeoutMinutes: null,
  opsPerDay: 5,
  opsPerWeek: 20,
  breachAction: 'idle',
  maxConcurrentSessions: null,
});

export const defaultPolicies: Readonly<Record<UserType, SessionPolicy>> = {
  guest: GUEST_POLICY,
  basic: {
    fixedLifetimeMinutes: null,
    inactivityTimeoutMinutes: 30,
    opsPerDay: 20,
    opsPerWeek: 50,
    breachAction: 'warn',
    maxConcurrentSessions: null,
  },
  advanced: noLimits(),
  company: noLimits(),
  admin: noLimits(),
};

function noLimits(): SessionPolicy {
  return {
    fixedLifetimeMinutes: null,
    inactivityTimeoutMinutes: null,
    opsPerDay: null,
    opsPerWeek: null,
    breachAction: 'warn',
    maxConcurrentSessions: null,
  };
}

/** A tenant's stored policy for a type, or the default; guests always get the system policy. */
export function effectivePolicy(type: UserType, stored: Partial<SessionPolicy> | null | undefined): SessionPolicy {
  if (type === 'guest' || !stored) return defaultPolicies[type];
  return { ...defaultPolicies[type], ...stored, fixedLifetimeMinutes: null };
}

/** What a plan may grant while its subscription is signed (null: the user type's policy stands). */
export type PlanLimits = { opsPerDay: number | null; opsPerWeek: number | null; inactivityTimeoutMinutes: number | null };

/** The user type's policy with the signed plan's limits in place of its own, where the plan sets one. */
export function withPlanLimits(policy: SessionPolicy, plan: PlanLimits | null | undefined): SessionPolicy {
  if (!plan) return policy;
  return {
    ...policy,
    opsPerDay: plan.opsPerDay ?? policy.opsPerDay,
    opsPerWeek: plan.opsPerWeek ?? policy.opsPerWeek,
    inactivityTimeoutMinutes: plan.inactivityTimeoutMinutes ?? policy.inactivityTimeoutMinutes,
  };
}

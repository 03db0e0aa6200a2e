import { z } from './zod';
import { featureKeys, featureStages, type FeatureDecision, type FeatureKey, type FeatureStage } from '@/lib/config/features';
import { breachActions, type SessionPolicy, type UserType } from '@/lib/config/policies';
import type { RateLimits } from '@/lib/config/rate-limits';
import { idSchema } from './common';
import { userTypes } from '@/lib/config/enums';

export const featureKeySchema = z.enum(featureKeys, { message: 'Unknown feature.' });
export const featureParamsSchema = z.object({ key: featureKeySchema });
export const setTenantFeatureSchema = z.object({ enabled: z.boolean({ message: 'enabled must be true or false.' }) });
export const setFeatureStageSchema = z.object({ stage: z.enum(featureStages, { message: 'stage is off, beta or ga.' }) });
export const setEarlyAccessSchema = z.object({
  tenantId: idSchema,
  earlyAccess: z.boolean({ message: 'earlyAccess must be true or false.' }),
});

export type TenantFeatureDto = {
  key: FeatureKey;
  name: string;
  description: string;
  stage: FeatureStage;
  earlyAccess: boolean;
  tenantEnabled: boolean | null;
  enabled: boolean;
  reason: FeatureDecision['reason'];
  mayToggle: boolean;
};

export type PlatformFeatureDto = {
  key: FeatureKey;
  name: string;
  description: string;
  stage: FeatureStage;
  defaultStage: FeatureStage;
  earlyAccess: { tenantId: string; slug: string; name: string }[];
};

const optionalLimit = (what: string, min: number, max: number) =>
  z
    .number({ message: `${what} must be a number or null.` })
    .int(`${what} must be a whole number.`)
    .min(min, `${what} is at least ${min}.`)
    .max(max, `${what} is at most ${max}.`)
    .nullable();

export const policyParamsSchema = z.object({ type: z.enum(userTypes, { message: 'Unknown user type.' }) });
export const updatePolicySchema = z
  .object({
    inactivityTimeoutMinutes: optionalLimit('inactivityTimeoutMinutes', 5, 1440),
    opsPerDay: optionalLimit('opsPerDay', 1, 100_000),
    opsPerWeek: optionalLimit('opsPerWeek', 1, 1_000_000),
    breachAction: z.enum(breachActions, { message: 'breachAction is warn, throttle or idle.' }),
    maxConcurrentSessions: optionalLimit('maxConcurrentSessions', 1, 100),
  })
  .refine((p) => p.opsPerDay === null || p.opsPerWeek === null || p.opsPerWeek >= p.opsPerDay, {
    message: 'A week allows at least as many operations as a day.',
    path: ['opsPerWeek'],
  });
export type UpdatePolicyInput = z.input<typeof updatePolicySchema>;

export type PolicyDto = SessionPolicy & { userType: UserType; readOnly: boolean; customised: boolean };

const perMinute = (what: string, max: number) =>
  z.number({ message: `${what} must be a number.` }).int(`${what} must be a whole number.`).min(1, `${what} is at least 1.`).max(max, `${what} is at most ${max}.`);

export const updateRateLimitsSchema = z.object({
  listPerMinute: perMinute('listPerMinute', 100_000),
  detailPerMinute: perMinute('detailPerMinute', 100_000),
  writePerMinute: perMinute('writePerMinute', 100_000),
  exportPerHour: perMinute('exportPerHour', 10_000),
  linkPerMinute: perMinute('linkPerMinute', 1_000_000),
});
export type UpdateRateLimitsInput = z.input<typeof updateRateLimitsSchema>;
export const tenantIdParamsSchema = z.object({ id: idSchema });

export type RateLimitsDto = RateLimits & { customised: boolean };

'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { setTenantFeature } from '@/lib/data/features';
import { resetPolicy, updatePolicy } from '@/lib/data/policies';
import { updateEndUserSettings } from '@/lib/data/end-user-settings';
import { updateSecuritySettings } from '@/lib/data/mfa';
import { endUserSettingsSchema, securitySettingsSchema } from '@/lib/validation/account';
import { updateSubscriptionSettings } from '@/lib/data/subscriptions';
import { subscriptionSettingsSchema } from '@/lib/validation/plans';
import { featureKeySchema, policyParamsSchema, updatePolicySchema } from '@/lib/validation/config';
import { updateBillingSettings } from '@/lib/data/billing';
import { billingSettingsSchema } from '@/lib/validation/billing';
import { updateTicketSettings } from '@/lib/data/tickets';
import { ticketSettingsSchema } from '@/lib/validation/tickets';

// A feature toggle adds or removes a workspace: the whole tenant is stale.
const spec = { permission: 'settings.write', revalidate: 'tenant' } as const;

export const setFeatureAction = tenantAction({ ...spec, input: z.object({ key: featureKeySchema, enabled: z.boolean() }) }, setTenantFeature);
export const updatePolicyAction = tenantAction({ ...spec, input: policyParamsSchema.extend({ policy: updatePolicySchema }) }, updatePolicy);
export const resetPolicyAction = tenantAction({ ...spec, input: policyParamsSchema }, resetPolicy);
export const updateEndUserSettingsAction = tenantAction({ ...spec, input: endUserSettingsSchema }, updateEndUserSettings);
export const updateSubscriptionSettingsAction = tenantAction({ ...spec, input: subscriptionSettingsSchema }, updateSubscriptionSettings);
export const updateBillingSettingsAction = tenantAction({ ...spec, input: billingSettingsSchema }, updateBillingSettings);
export const updateTicketSettingsAction = tenantAction({ ...spec, input: ticketSettingsSchema }, updateTicketSettings);
export const updateSecuritySettingsAction = tenantAction({ ...spec, input: securitySettingsSchema }, updateSecuritySettings);

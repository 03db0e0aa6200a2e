'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { changePassword, markNotificationsRead, resendVerification, updateProfile } from '@/lib/data/account';
import { confirmMfaEnrolment, disableMfa, regenerateRecoveryCodes, startMfaEnrolment } from '@/lib/data/mfa';
import { revokeMySession } from '@/lib/data/sessions';
import { requestUpgrade } from '@/lib/data/upgrades';
import { changePasswordSchema, mfaCodeSchema, notificationPreferencesSchema, profileSchema, upgradeRequestSchema } from '@/lib/validation/account';
import { updateMyNotificationPreferences } from '@/lib/data/notifications';
import { idSchema } from '@/lib/validation/common';

export const updateProfileAction = tenantAction({ permission: 'account.write', input: profileSchema, revalidate: 'account' }, updateProfile);

export const changePasswordAction = tenantAction({ permission: 'account.sessions.manage', input: changePasswordSchema, revalidate: 'account' }, changePassword);

export const resendVerificationAction = tenantAction({ permission: 'account.write', input: z.object({}), revalidate: 'account' }, (ctx) => resendVerification(ctx));

export const requestUpgradeAction = tenantAction({ permission: 'account.kyc', input: upgradeRequestSchema, revalidate: 'account' }, requestUpgrade);

export const markNotificationsReadAction = tenantAction({ permission: 'account.read', input: z.object({}), revalidate: 'account' }, (ctx) => markNotificationsRead(ctx));

export const revokeSessionAction = tenantAction(
  { permission: 'account.sessions.manage', input: z.object({ id: idSchema }), revalidate: 'account' },
  async (ctx, input) => {
    await revokeMySession(ctx, input);
    return { revokedCurrent: input.id === ctx.sessionId };
  },
);

// Two-factor authentication (lib/data/mfa.ts): the set-up's secret and the recovery codes are in
// the answer once and never stored readable.
export const startMfaAction = tenantAction({ permission: 'account.sessions.manage', input: z.object({}), revalidate: 'account' }, (ctx) => startMfaEnrolment(ctx));

export const confirmMfaAction = tenantAction({ permission: 'account.sessions.manage', input: mfaCodeSchema, revalidate: 'account' }, confirmMfaEnrolment);

export const disableMfaAction = tenantAction({ permission: 'account.sessions.manage', input: mfaCodeSchema, revalidate: 'account' }, disableMfa);

export const regenerateRecoveryCodesAction = tenantAction({ permission: 'account.sessions.manage', input: mfaCodeSchema, revalidate: 'account' }, regenerateRecoveryCodes);

export const updateNotificationPreferencesAction = tenantAction({ permission: 'account.write', input: notificationPreferencesSchema, revalidate: 'account' }, updateMyNotificationPreferences);

'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { changePassword, markNotificationsRead, resendVerification, updateProfile } from '@/lib/data/account';
import { revokeMySession } from '@/lib/data/sessions';
import { requestUpgrade } from '@/lib/data/upgrades';
import { changePasswordSchema, profileSchema, upgradeRequestSchema } from '@/lib/validation/account';
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

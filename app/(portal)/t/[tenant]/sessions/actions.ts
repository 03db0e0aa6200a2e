'use server';

import { z } from 'zod';
import { tenantAction } from '@/lib/api/action';
import { revokeMySession } from '@/lib/data/sessions';
import { idSchema } from '@/lib/validation/common';

export const revokeSessionAction = tenantAction(
  { permission: 'account.sessions.manage', input: z.object({ id: idSchema }), revalidate: 'sessions' },
  async (ctx, input) => {
    await revokeMySession(ctx, input);
    return { revokedCurrent: input.id === ctx.sessionId };
  },
);

'use server';

import { publicAction } from '@/lib/api/action';
import { unsafeConsumePasswordToken } from '@/lib/data/internal/password-tokens';
import { AppError } from '@/lib/errors';
import { slugSchema } from '@/lib/validation/auth';
import { setPasswordSchema } from '@/lib/validation/registry';
import { z } from 'zod';

/** Public on purpose: the one-time token in the link is the credential. */
export const setPasswordAction = publicAction(
  z.object({ tenant: slugSchema, values: setPasswordSchema }),
  async ({ tenant, values }, meta) => {
    const ok = await unsafeConsumePasswordToken({ tenantSlug: tenant, token: values.token, password: values.password }, meta);
    if (!ok) throw new AppError('NOT_FOUND', 'This link is not valid any more. Ask your platform operator for a new one.');
    return { tenant };
  },
);

import { apiRoute } from '@/lib/api/route';
import { revokeMySession } from '@/lib/data/sessions';
import { idSchema } from '@/lib/validation/common';
import { z } from 'zod';

export const DELETE = apiRoute(
  { permission: 'account.sessions.manage', params: z.object({ id: idSchema }) },
  async ({ ctx, params }) => {
    await revokeMySession(ctx, params);
    return new Response(null, { status: 204 });
  },
);

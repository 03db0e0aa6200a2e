import { apiRoute } from '@/lib/api/route';
import { listMySessions } from '@/lib/data/sessions';

export const GET = apiRoute({ permission: 'account.sessions.manage' }, async ({ ctx }) => ({
  items: await listMySessions(ctx),
}));

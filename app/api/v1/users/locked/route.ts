import { apiRoute } from '@/lib/api/route';
import { listLockedAccounts } from '@/lib/data/lockouts';

/** The active tenant's accounts whose sign-in is locked now, and until when. */
export const GET = apiRoute({ permission: 'users.read' }, async ({ ctx }) => ({ items: await listLockedAccounts(ctx) }));

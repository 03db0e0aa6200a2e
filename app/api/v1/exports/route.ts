import { apiRoute } from '@/lib/api/route';
import { listMyExports } from '@/lib/data/exports';

/** The caller's exports, newest first (the Exports panel polls it while one runs). */
export const GET = apiRoute({ permission: 'account.read' }, async ({ ctx }) => ({ items: await listMyExports(ctx) }));

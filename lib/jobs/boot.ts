import { assertRuntimeRoleIsConfined } from '@/lib/data/db';
import { log } from '@/lib/log';
import { startAuditSealing } from './audit-sealing';

/** Refuses to serve on a role that can bypass RLS, then starts the periodic jobs. */
export async function startServerProcess(): Promise<void> {
  try {
    await assertRuntimeRoleIsConfined();
  } catch (error) {
    log('error', error instanceof Error ? error.message : 'runtime role check failed');
    process.exit(1);
  }
  if (process.env.PORTAL_JOBS !== '0') startAuditSealing();
}

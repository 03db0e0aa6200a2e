import { assertRuntimeRoleIsConfined } from '@/lib/data/db';
import { settings } from '@/lib/env';
import { log } from '@/lib/log';
import { startJobs } from './worker';

/** Refuses to serve on a role that can bypass RLS, then joins the job queue. */
export async function startServerProcess(): Promise<void> {
  try {
    await assertRuntimeRoleIsConfined();
  } catch (error) {
    log('error', error instanceof Error ? error.message : 'runtime role check failed');
    process.exit(1);
  }
  if (settings().PORTAL_JOBS === '0') return;
  // The queue failing to start must not take the portal down; it retries on the next start.
  await startJobs().catch((error: unknown) =>
    log('error', 'job queue did not start', { error: error instanceof Error ? error.message : 'unknown' }),
  );
}

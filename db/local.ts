import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prepareDatabase } from './bootstrap';
import { startEmbeddedPostgres } from './embedded';
import { seedDemoWorld } from './seed';

type Secrets = { postgresPassword: string; appPassword: string; authSecret: string };

/** Secrets for a local install, generated once and kept beside the data (never committed). */
export function localSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  mkdirSync(dataDir, { recursive: true });
  const make = () => randomBytes(24).toString('base64url');
  const secrets = { postgresPassword: make(), appPassword: make(), authSecret: randomBytes(32).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export type LocalDatabase = { ownerUrl: string; appUrl: string; authSecret: string; stop: () => Promise<void>; seeded: boolean };

/**
 * The database the portal runs on: DATABASE_URL when set (the owner connection), otherwise an
 * embedded PostgreSQL under dataDir. Either way it is migrated, granted and seeded on first start.
 */
export async function openLocalDatabase(opts: { dataDir: string; pgPort: number; seed: boolean; log?: boolean }): Promise<LocalDatabase> {
  const secrets = localSecrets(opts.dataDir);
  const appRole = { name: process.env.APP_DB_ROLE ?? 'portal_app', password: process.env.APP_DB_PASSWORD ?? secrets.appPassword };
  let ownerUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!ownerUrl) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(opts.dataDir, 'pg'),
      port: opts.pgPort,
      password: secrets.postgresPassword,
      log: opts.log,
    });
    ownerUrl = server.ownerUrl('portal');
    stop = server.stop;
  }
  try {
    const prepared = await prepareDatabase(ownerUrl, appRole);
    const appUrl = process.env.DATABASE_APP_URL ?? prepared;
    const seeded = opts.seed ? await seedDemoWorld(ownerUrl) : false;
    return { ownerUrl, appUrl, authSecret: process.env.NEXTAUTH_SECRET ?? secrets.authSecret, stop, seeded };
  } catch (error) {
    await stop();
    throw error;
  }
}

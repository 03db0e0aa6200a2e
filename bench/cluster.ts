import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded';
import { localSecrets } from '../db/local';

export const BENCH_DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR ?? '.data/bench');
export const BENCH_APP_ROLE = { name: 'portal_app', password: '' };

/**
 * The PostgreSQL the benchmarks use: DATABASE_URL's server when set, otherwise an embedded one
 * under .data/bench (durable settings, like the served portal). Returns a URL factory per database.
 */
export async function openBenchCluster(): Promise<{ urlFor: (db: string) => string; appPassword: string; stop: () => Promise<void> }> {
  const secrets = localSecrets(BENCH_DATA_DIR);
  if (process.env.DATABASE_URL) {
    const base = new URL(process.env.DATABASE_URL);
    return {
      urlFor: (db) => Object.assign(new URL(base), { pathname: `/${db}` }).toString(),
      appPassword: process.env.APP_DB_PASSWORD ?? secrets.appPassword,
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(BENCH_DATA_DIR, 'pg'),
    port: Number(process.env.BENCH_PG_PORT ?? 54360),
    password: secrets.postgresPassword,
  });
  return { urlFor: server.ownerUrl, appPassword: secrets.appPassword, stop: server.stop };
}

import { rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '@/db/bootstrap';
import { startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';
import { seedDemoWorld } from '@/db/seed';

export const TEMPLATE_DB = 'portal_template';
export const TEST_APP_ROLE = { name: 'portal_app_test', password: 'test-app-password' };

declare module 'vitest' {
  export interface ProvidedContext {
    ownerUrl: string;
  }
}

let server: EmbeddedServer | undefined;

/**
 * One real PostgreSQL for the run (embedded, or DATABASE_URL's server), with a migrated and
 * seeded template database; each test file clones its own database from it.
 */
export async function setup(project: TestProject) {
  let ownerUrl = process.env.DATABASE_URL;
  if (!ownerUrl) {
    const dataDir = path.resolve('.data/test/pg');
    rmSync(dataDir, { recursive: true, force: true });
    server = await startEmbeddedPostgres({
      dataDir,
      port: Number(process.env.TEST_PG_PORT ?? 54340),
      password: 'test-owner-password',
      fast: true,
    });
    ownerUrl = server.ownerUrl('postgres');
  }
  const templateUrl = withDatabase(ownerUrl, TEMPLATE_DB);
  const admin = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.end();
  await prepareDatabase(templateUrl, TEST_APP_ROLE);
  await seedDemoWorld(templateUrl);
  project.provide('ownerUrl', ownerUrl);
}

export async function teardown() {
  await server?.stop();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

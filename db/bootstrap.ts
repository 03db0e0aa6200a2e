import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { CRON_SEND_QUEUE, JOB_SCHEMA, queues } from '../lib/config/queues';
import { runtimeTablePrivileges, schemaTables } from './grants';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type AppRole = { name: string; password: string };

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Creates the database if it is missing (connects to the cluster's `postgres` database). */
export async function ensureDatabase(ownerUrl: string): Promise<void> {
  const url = new URL(ownerUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await admin.unsafe(`create database ${ident(name)}`);
  } finally {
    await admin.end();
  }
}

/** The runtime role: can log in, nothing more. Cluster-wide, so created once per cluster. */
export async function ensureAppRole(owner: postgres.Sql, role: AppRole): Promise<void> {
  const found = await owner`select 1 from pg_roles where rolname = ${role.name}`;
  const verb = found.length === 0 ? 'create' : 'alter';
  await owner.unsafe(
    `${verb} role ${ident(role.name)} login password ${literal(role.password)} ` +
      'nosuperuser nobypassrls nocreatedb nocreaterole noinherit',
  );
}

/** Applies the committed migrations under an advisory lock, so parallel starts do not race. */
export async function migrateDatabase(owner: postgres.Sql): Promise<void> {
  await owner`select pg_advisory_lock(727274)`;
  try {
    await migrate(drizzle(owner), { migrationsFolder });
  } finally {
    await owner`select pg_advisory_unlock(727274)`;
  }
}

export async function grantRuntime(owner: postgres.Sql, roleName: string): Promise<void> {
  const ungranted = schemaTables.filter((t) => !runtimeTablePrivileges[t]);
  if (ungranted.length > 0) throw new Error(`No runtime privileges declared in db/grants.ts for: ${ungranted.join(', ')}`);
  const role = ident(roleName);
  await owner.begin(async (tx) => {
    await tx.unsafe(`revoke all on all tables in schema public from ${role}`);
    await tx.unsafe(`grant usage on schema public to ${role}`);
    for (const [table, privileges] of Object.entries(runtimeTablePrivileges)) {
      await tx.unsafe(`grant ${privileges.join(', ')} on ${ident(table)} to ${role}`);
    }
    await tx.unsafe(`grant usage on all sequences in schema public to ${role}`);
    // Readiness compares the applied migrations with the committed ones (lib/data/health.ts).
    await tx.unsafe(`grant usage on schema drizzle to ${role}`);
    await tx.unsafe(`grant select on drizzle.__drizzle_migrations to ${role}`);
    await tx.unsafe(`grant execute on function registry_stats(uuid[]) to ${role}`);
    await tx.unsafe(`grant execute on function feature_early_access() to ${role}`);
    await tx.unsafe(`grant execute on function portal_request_context(uuid, uuid, uuid, uuid, text, text[], int[]) to ${role}`);
    await tx.unsafe(`grant execute on function portal_hit_buckets(text[], int[]) to ${role}`);
    await tx.unsafe(`grant execute on function portal_delete_tenant_data(uuid, int) to ${role}`);
    await tx.unsafe(`grant execute on function portal_audit_link_reads(uuid[], uuid, text, text, inet, text, text, text, jsonb) to ${role}`);
    await tx.unsafe(`grant execute on function portal_mail_due_tenants(int) to ${role}`);
    await tx.unsafe(`grant execute on function portal_api_key_owner(uuid, text) to ${role}`);
    await tx.unsafe(`grant execute on function portal_home_context(uuid, uuid, float8, json) to ${role}`);
    await tx.unsafe(`grant execute on function portal_target_context(uuid, uuid, text) to ${role}`);
    await tx.unsafe(`grant execute on function portal_key_request_context(uuid, text, inet, uuid, text[], int[]) to ${role}`);
    await tx.unsafe(`grant execute on function portal_webhook_due_tenants(int) to ${role}`);
    await tx.unsafe(`grant execute on function portal_digest_due(timestamptz, int) to ${role}`);
    await tx.unsafe(`grant execute on function portal_enqueue_managed_webhooks(uuid[], text, text, text, text, jsonb) to ${role}`);
  });
}

/**
 * Installs (or migrates) the pg-boss schema and creates the queues as the owner, so the runtime
 * role never runs DDL and owns nothing; it gets DML on the queue tables only.
 */
export async function installJobQueue(ownerUrl: string, roleName: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, supervise: false, schedule: false, max: 1 });
  boss.on('error', () => {});
  await boss.start();
  try {
    for (const q of queues) {
      if (!(await boss.getQueue(q.name))) await boss.createQueue(q.name, { name: q.name, policy: q.policy });
    }
    if (!(await boss.getQueue(CRON_SEND_QUEUE))) await boss.createQueue(CRON_SEND_QUEUE);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const role = ident(roleName);
    const schema = ident(JOB_SCHEMA);
    await owner.begin(async (tx) => {
      await tx.unsafe(`grant usage on schema ${schema} to ${role}`);
      await tx.unsafe(`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`);
      await tx.unsafe(`grant usage, select on all sequences in schema ${schema} to ${role}`);
      await tx.unsafe(`grant execute on all functions in schema ${schema} to ${role}`);
    });
  } finally {
    await owner.end();
  }
}

export function runtimeUrl(ownerUrl: string, role: AppRole): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role.name);
  url.password = encodeURIComponent(role.password);
  return url.toString();
}

/** Database, role, migrations, grants, job queues: everything the app needs before it serves. */
export async function prepareDatabase(ownerUrl: string, role: AppRole): Promise<string> {
  await ensureDatabase(ownerUrl);
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await ensureAppRole(owner, role);
    await migrateDatabase(owner);
    await grantRuntime(owner, role.name);
  } finally {
    await owner.end();
  }
  await installJobQueue(ownerUrl, role.name);
  return runtimeUrl(ownerUrl, role);
}

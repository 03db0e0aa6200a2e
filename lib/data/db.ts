import 'server-only';
import { sql } from 'drizzle-orm';
import { connect, type Database } from '@/db/client';
import { env } from '@/lib/env';

/** The runtime pool: logs in as the app role, which RLS binds. */
export function appDb(): Database {
  const { DATABASE_APP_URL, DB_POOL_MAX } = env();
  return connect(DATABASE_APP_URL, DB_POOL_MAX).db;
}

/**
 * Refuses to run on a connection that could see past row-level security: a superuser, a role
 * with BYPASSRLS, or one that owns a table (owners skip RLS unless it is forced).
 */
export async function assertRuntimeRoleIsConfined(db: Database = appDb()): Promise<void> {
  const rows = await db.execute<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(sql`
    select r.rolsuper, r.rolbypassrls,
           (select count(*)::int from pg_class c where c.relowner = r.oid and c.relkind in ('r', 'p')) as owned
    from pg_roles r where r.rolname = current_user`);
  const role = rows[0];
  if (!role || role.rolsuper || role.rolbypassrls || role.owned > 0) {
    throw new Error(
      'Refusing to start: the runtime database role can bypass row-level security ' +
        '(superuser, BYPASSRLS, or owns tables). Point DATABASE_APP_URL at the confined app role.',
    );
  }
}

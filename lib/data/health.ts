import 'server-only';
import { sql } from 'drizzle-orm';
import { appDb } from './db';

export async function pingDatabase(): Promise<void> {
  await appDb().execute(sql`select 1`);
}

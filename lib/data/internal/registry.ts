import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import { appDb } from '../db';

/** Registry read for jobs that iterate tenants; returns ids only. */
export async function unsafeListActiveTenantIds(): Promise<string[]> {
  const rows = await appDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.status, 'active'));
  return rows.map((r) => r.id);
}

import { unsafeSealTenantAudit } from '@/lib/data/internal/audit-seal';
import { unsafeListActiveTenantIds } from '@/lib/data/internal/registry';

/** Seals every active tenant's new audit events; the `audit-seal` job runs it every minute. */
export async function sealAllTenants(): Promise<number> {
  let sealed = 0;
  for (const tenantId of await unsafeListActiveTenantIds()) sealed += await unsafeSealTenantAudit(tenantId);
  return sealed;
}

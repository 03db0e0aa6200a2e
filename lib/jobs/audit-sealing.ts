import { unsafeListActiveTenantIds } from '@/lib/data/internal/registry';
import { unsafeSealTenantAudit } from '@/lib/data/internal/audit-seal';
import { log } from '@/lib/log';

const INTERVAL_MS = Number(process.env.AUDIT_SEAL_INTERVAL_MS ?? 60_000);

/** Seals every tenant's new audit events once now and then every minute. */
export async function sealAllTenants(): Promise<number> {
  let sealed = 0;
  for (const tenantId of await unsafeListActiveTenantIds()) sealed += await unsafeSealTenantAudit(tenantId);
  return sealed;
}

export function startAuditSealing(): void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const sealed = await sealAllTenants();
      if (sealed > 0) log('info', 'audit events sealed', { sealed });
    } catch (error) {
      log('warn', 'audit sealing failed; retrying next interval', { error: error instanceof Error ? error.message : 'unknown' });
    } finally {
      running = false;
    }
  };
  setInterval(tick, INTERVAL_MS).unref();
  void tick();
}

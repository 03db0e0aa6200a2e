import 'server-only';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { partnerTenantLinks } from '@/db/schema';
import { managedEventNeeds, partnerAlias, type SourceEvent } from '@/lib/config/webhooks';
import { linkAllows } from '@/lib/rbac';
import { newMessageId } from '@/lib/webhooks/sign';
import type { Tx } from '../tx';

/**
 * Records an event for every endpoint that asked for it, in the caller's transaction (outbox): the
 * source tenant's own endpoints, its partners' endpoints (through each live link whose role allows
 * the event, and for alerts whose terms ask to be told).
 * A rolled-back change sends nothing; a committed one loses nothing (the worker delivers). The
 * transaction must be scoped to `tenantId`. Data stays thin: ids and key fields.
 */
export async function emitEvent(tx: Tx, tenantId: string, type: SourceEvent, data: Record<string, unknown>): Promise<void> {
  await emitEvents(tx, tenantId, type, [data]);
}

/** The same for many events of one type in one tenant (the breach scan's alerts): one statement for the tenant's own endpoints, one read of its links. */
export async function emitEvents(tx: Tx, tenantId: string, type: SourceEvent, items: readonly Record<string, unknown>[]): Promise<void> {
  if (items.length === 0) return;
  const timestamp = new Date().toISOString();
  const payloads = items.map((data) => JSON.stringify({ type, timestamp, data: { tenant_id: tenantId, ...data } }));
  // The same JSON text for the own endpoints' rows (one array) and each partner call below.
  const events = `[${payloads.map((payload) => `{"id":${JSON.stringify(newMessageId())},"payload":${payload}}`).join(',')}]`;
  await tx.execute(sql`insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, source_tenant_id, payload)
    select e.tenant_id, e.id, ev->>'id', ${type}, e.tenant_id, ev->'payload'
    from webhook_endpoints e cross join jsonb_array_elements(${events}::jsonb) as ev
    where e.tenant_id = ${tenantId} and e.enabled and ${type} = any (e.event_types)`);

  const need = managedEventNeeds[type];
  // A link's events go to each party as its own (lib/data/links.ts emits in both scopes).
  if (need === null) return;
  const links = await tx
    .select({ partner: partnerTenantLinks.partnerTenantId, accessRole: partnerTenantLinks.accessRole, customPermissions: partnerTenantLinks.customPermissions, alertConfig: partnerTenantLinks.alertConfig })
    .from(partnerTenantLinks)
    .where(
      and(
        eq(partnerTenantLinks.managedTenantId, tenantId),
        eq(partnerTenantLinks.status, 'active'),
        lte(partnerTenantLinks.startsAt, sql`now()`),
        or(isNull(partnerTenantLinks.endsAt), gt(partnerTenantLinks.endsAt, sql`now()`)),
      ),
    );
  const allowed = links.filter((l) => need === 'link' || linkAllows(l).has(need));
  if (allowed.length === 0) return;
  for (const [i, data] of items.entries()) {
    const partners = allowed
      .filter((l) => {
        if (type !== 'alert.raised' && type !== 'alert.resolved') return true;
        return data.alert_type === 'billing_threshold' ? l.alertConfig.notifyOnBillingThreshold : l.alertConfig.notifyOnSlaBreach;
      })
      .map((l) => l.partner);
    if (partners.length === 0) continue;
    await tx.execute(
      sql`select portal_enqueue_managed_webhooks(${`{${[...new Set(partners)].join(',')}}`}::uuid[], ${type}, ${newMessageId()}, ${partnerAlias(type, data)}, ${newMessageId()}, ${payloads[i]!}::jsonb)`,
    );
  }
}

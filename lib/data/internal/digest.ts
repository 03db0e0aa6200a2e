import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { digestRuns, notifications, tenants, users } from '@/db/schema';
import { categoryOf, channelLabels, DIGEST_LINK_EXPIRY_DAYS, DIGEST_WINDOW_HOURS, type NotificationCategory } from '@/lib/config/notifications';
import type { LinkAccessRole } from '@/lib/config/enums';
import { formatPrice } from '@/lib/config/subscriptions';
import { log } from '@/lib/log';
import { effectivePermissions } from '@/lib/rbac';
import { recordTenantAudit } from '../audit';
import { appDb } from '../db';
import { preferencesOf, unsubscribeToken } from '../notifications';
import { inTenantScope, type Tx } from '../tx';
import { queueMail } from './notify';

// The daily digest (queue notifications-digest, every 15 minutes): one mail per user covering
// every tenant they can see (their own, and the tenants their links let them act in), grouped by
// tenant; at their chosen hour in their time zone; never empty; at most one per local date
// (digest_runs' key, written for an empty day too); with a one-click unsubscribe. Each tenant's part is read in that tenant's
// own scope with what the user may read there (a link's rules for a managed tenant), and a
// managed tenant records that the digest read it.

type Section = { tenant: { id: string; name: string; slug: string }; via: 'home' | 'link'; lines: string[]; items: number };
export type DigestRunResult = { due: number; sent: number; empty: number };

const BATCH = 200;

export async function unsafeSendDigests(opts: { now?: Date; limit?: number } = {}): Promise<DigestRunResult> {
  const now = opts.now ?? new Date();
  const out: DigestRunResult = { due: 0, sent: 0, empty: 0 };
  // Batch after batch until nobody is due (each user checked is recorded for the date, sent or
  // empty); a user whose digest failed is left for the next run this hour.
  const failed = new Set<string>();
  for (;;) {
    const due = (
      await appDb().execute<{ tenant_id: string; user_id: string; local_date: string }>(
        sql`select tenant_id, user_id, local_date::text from portal_digest_due(${now.toISOString()}::timestamptz, ${(opts.limit ?? BATCH) + failed.size})`,
      )
    ).filter((d) => !failed.has(d.user_id));
    if (due.length === 0) break;
    out.due += due.length;
    for (const d of due) {
      try {
        if (await digestFor(d.tenant_id, d.user_id, d.local_date)) out.sent += 1;
        else out.empty += 1;
      } catch (error) {
        failed.add(d.user_id);
        log('warn', 'digest not sent', { tenantId: d.tenant_id, userId: d.user_id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return out;
}

async function digestFor(tenantId: string, userId: string, localDate: string): Promise<boolean> {
  const home = await inTenantScope({ tenantId, userId }, async (tx) => {
    const [me] = await tx
      .select({ email: users.email, name: users.name, tenantName: tenants.name, slug: tenants.slug })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    const perms = await tx.execute<{ permission: string }>(sql`
      select distinct rp.permission from user_roles ur join role_permissions rp on rp.tenant_id = ur.tenant_id and rp.role_id = ur.role_id
      where ur.tenant_id = ${tenantId} and ur.user_id = ${userId}`);
    const prefs = await preferencesOf(tx, tenantId, userId);
    const links = await tx.execute<{ managed_id: string; name: string; slug: string; access_role: LinkAccessRole; custom_permissions: Record<string, boolean> }>(sql`
      select l.managed_tenant_id as managed_id, t.name, t.slug, l.access_role, l.custom_permissions
      from partner_tenant_links l join tenants t on t.id = l.managed_tenant_id
      where l.partner_tenant_id = ${tenantId} and l.status = 'active' and l.starts_at <= now() and (l.ends_at is null or l.ends_at > now())
        and t.status = 'active' and not t.is_platform
      order by t.name`);
    return { me, permissions: new Set(perms.map((p) => p.permission)), prefs, links };
  });
  if (!home.me) throw new Error('the user is gone');
  const wants = (c: NotificationCategory) => home.prefs.channels[c] === 'digest';

  const sections: Section[] = [];
  const homeSection = await inTenantScope({ tenantId, userId }, (tx) =>
    sectionOf(tx, { id: tenantId, name: home.me!.tenantName, slug: home.me!.slug }, 'home', home.permissions, wants, userId),
  );
  if (homeSection.items > 0) sections.push(homeSection);
  if (home.permissions.has('partner.tenants.switch_context')) {
    for (const link of home.links) {
      const allowed = new Set(effectivePermissions(home.permissions, { accessRole: link.access_role, customPermissions: link.custom_permissions ?? {} }).keys());
      if (allowed.size === 0) continue;
      const section = await inTenantScope({ tenantId: link.managed_id }, async (tx) => {
        const s = await sectionOf(tx, { id: link.managed_id, name: link.name, slug: link.slug }, 'link', allowed, wants, null);
        if (s.items > 0) {
          await recordTenantAudit(tx, {
            tenantId: link.managed_id,
            actorUserId: userId,
            actorTenantId: tenantId,
            actorLabel: home.me!.email,
            via: 'link',
            requestId: `digest-${localDate}`,
            ip: null,
            userAgent: null,
            action: 'notifications.digest_read',
            resourceType: 'tenant',
            resourceId: link.managed_id,
            details: { items: s.items, localDate },
          });
        }
        return s;
      });
      if (section.items > 0) sections.push(section);
    }
  }
  const items = sections.reduce((n, s) => n + s.items, 0);

  return inTenantScope({ tenantId, userId }, async (tx) => {
    // The run's key makes a second digest for this local date impossible, whatever runs at once;
    // an empty one is recorded too (checked for the day), and no mail goes out.
    const [run] = await tx.insert(digestRuns).values({ tenantId, userId, localDate, items }).onConflictDoNothing().returning({ items: digestRuns.items });
    if (!run || items === 0) return false;
    const token = unsubscribeToken(tenantId, userId);
    const body = [
      `Your daily digest for ${localDate} (${home.prefs.timeZone}), ${items} ${items === 1 ? 'item' : 'items'}.`,
      ...sections.map((s) => [`${s.tenant.name}${s.via === 'link' ? ' (a tenant you manage)' : ''}`, ...s.lines.map((l) => `- ${l}`)].join('\n')),
      `Choose what you get, and when: /t/${home.me!.slug}/account#notifications`,
      `Stop these digests: /t/${home.me!.slug}/unsubscribe?token=${token}`,
    ].join('\n\n');
    await queueMail(tx, {
      tenantId,
      to: home.me!.email,
      subject: `${home.me!.tenantName}: your daily digest (${items} ${items === 1 ? 'item' : 'items'})`,
      body,
      headers: { 'List-Unsubscribe': `</api/unsubscribe?token=${token}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    return true;
  });
}

/** One tenant's part of a digest, with what `can` lets the user read there. */
async function sectionOf(
  tx: Tx,
  tenant: Section['tenant'],
  via: Section['via'],
  can: ReadonlySet<string>,
  wants: (c: NotificationCategory) => boolean,
  ownUserId: string | null,
): Promise<Section> {
  const lines: string[] = [];
  let items = 0;
  const base = `/t/${tenant.slug}`;
  const window = sql`now() - make_interval(hours => ${DIGEST_WINDOW_HOURS})`;

  if (wants('alerts') && can.has('alerts.read')) {
    const rows = await tx.execute<{ title: string; severity: string }>(sql`
      select title, severity::text from alerts where tenant_id = ${tenant.id} and first_seen_at > ${window} order by first_seen_at desc limit 100`);
    if (rows.length > 0) {
      items += rows.length;
      const shown = rows.slice(0, 5).map((r) => `${r.title} (${r.severity})`).join('; ');
      lines.push(`${rows.length} new ${rows.length === 1 ? 'alert' : 'alerts'}: ${shown}${rows.length > 5 ? '; …' : ''} ${base}/alerts`);
    }
  }
  if (wants('tickets') && can.has('tickets.read')) {
    const [t] = await tx.execute<{ breached: number; at_risk: number }>(sql`
      select count(*) filter (where sla_response_state = 'breached' or sla_resolution_state = 'breached')::int as breached,
             count(*) filter (where (sla_response_state = 'at_risk' or sla_resolution_state = 'at_risk')
                                and coalesce(sla_response_state::text, '') <> 'breached' and coalesce(sla_resolution_state::text, '') <> 'breached')::int as at_risk
      from tickets where tenant_id = ${tenant.id} and status not in ('resolved', 'closed')`);
    if (t && t.breached + t.at_risk > 0) {
      items += t.breached + t.at_risk;
      lines.push(`Tickets: ${t.breached} breached ${t.breached === 1 ? 'its' : 'their'} SLA, ${t.at_risk} at risk ${base}/tickets`);
    }
  }
  if (wants('links') && (can.has('links.read') || can.has('links.manage')) && via === 'home') {
    const [l] = await tx.execute<{ waiting: number; ending: number }>(sql`
      select count(*) filter (where status = 'requested' and managed_tenant_id = ${tenant.id})::int as waiting,
             count(*) filter (where status = 'active' and ends_at > now() and ends_at <= now() + make_interval(days => ${DIGEST_LINK_EXPIRY_DAYS}))::int as ending
      from partner_tenant_links where partner_tenant_id = ${tenant.id} or managed_tenant_id = ${tenant.id}`);
    if (l && l.waiting > 0) {
      items += l.waiting;
      lines.push(`${l.waiting} link ${l.waiting === 1 ? 'request waits' : 'requests wait'} for your answer ${base}/links`);
    }
    if (l && l.ending > 0) {
      items += l.ending;
      lines.push(`${l.ending} ${l.ending === 1 ? 'link ends' : 'links end'} within ${DIGEST_LINK_EXPIRY_DAYS} days ${base}/links`);
    }
  }
  if (wants('billing') && can.has('billing.invoices.read')) {
    const rows = await tx.execute<{ currency: string; n: number; balance: string }>(sql`
      select currency, count(*)::int as n, sum(total_minor - amount_paid_minor)::text as balance
      from invoices where tenant_id = ${tenant.id} and status = 'open' and due_at < now() group by currency order by currency`);
    const n = rows.reduce((a, r) => a + r.n, 0);
    if (n > 0) {
      items += n;
      lines.push(`${n} overdue ${n === 1 ? 'invoice' : 'invoices'} (${rows.map((r) => formatPrice(Number(r.balance), r.currency, 'en')).join(', ')} open) ${base}/billing`);
    }
  }
  // The user's own notices of the categories they chose to read here, unread from the last day.
  if (ownUserId) {
    const notes = await tx
      .select({ kind: notifications.kind, title: notifications.title })
      .from(notifications)
      .where(and(eq(notifications.tenantId, tenant.id), eq(notifications.userId, ownUserId), sql`${notifications.readAt} is null`, sql`${notifications.createdAt} > ${window}`))
      .limit(50);
    const chosen = notes.filter((n) => wants(categoryOf(n.kind)));
    if (chosen.length > 0) {
      items += chosen.length;
      lines.push(`${chosen.length} unread ${chosen.length === 1 ? 'notice' : 'notices'} (${channelLabels.digest.toLowerCase()}): ${chosen.slice(0, 5).map((n) => n.title).join('; ')}`);
    }
  }
  return { tenant, via, lines, items };
}

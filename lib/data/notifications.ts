import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { notificationPreferences, notifications, tenants } from '@/db/schema';
import { categoryOf, DEFAULT_DIGEST_HOUR, defaultChannels, notificationCategories, type NotificationCategory, type NotificationChannel } from '@/lib/config/notifications';
import { env } from '@/lib/env';
import { assertCan } from '@/lib/rbac';
import type { RequestContext } from '@/lib/tenancy/context';
import { notificationPreferencesSchema, type NotificationDto, type NotificationPreferencesDto } from '@/lib/validation/account';
import { recordAuditIn, recordTenantAudit } from './audit';
import { appDb } from './db';
import { inTenantScope, withHomeTenant, type Tx } from './tx';

// The notification centre (the header's bell) and each user's preferences: which categories are
// mailed at once, summed up in the daily digest (lib/data/internal/digest.ts), or left in the
// portal. Everything here is the signed-in user's own, in their home tenant.

/** The newest notices and how many are unread (account.read). */
export async function listMyNotifications(ctx: RequestContext, limit = 20): Promise<{ items: NotificationDto[]; unread: number }> {
  assertCan(ctx, 'account.read');
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const mine = and(eq(notifications.tenantId, tenantId), eq(notifications.userId, ctx.user.id));
    const rows = await tx.select().from(notifications).where(mine).orderBy(desc(notifications.createdAt)).limit(Math.min(Math.max(limit, 1), 100));
    const [unread] = await tx.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt)));
    return {
      items: rows.map((n) => ({ id: n.id, kind: n.kind, category: categoryOf(n.kind), title: n.title, body: n.body, href: n.href, at: n.createdAt.toISOString(), read: n.readAt !== null })),
      unread: unread?.n ?? 0,
    };
  });
}

/** The header's count alone (one indexed count). */
export async function unreadNotificationCount(ctx: RequestContext): Promise<number> {
  assertCan(ctx, 'account.read');
  const [row] = await withHomeTenant(ctx, (tx) =>
    tx.select({ n: count() }).from(notifications).where(and(eq(notifications.tenantId, ctx.homeTenant.id), eq(notifications.userId, ctx.user.id), isNull(notifications.readAt))),
  );
  return row?.n ?? 0;
}

type PreferenceRow = typeof notificationPreferences.$inferSelect;

function toPreferences(row: PreferenceRow | undefined): NotificationPreferencesDto {
  const saved = (row?.channels ?? {}) as Partial<Record<NotificationCategory, NotificationChannel>>;
  return {
    channels: Object.fromEntries(notificationCategories.map((c) => [c, saved[c] ?? defaultChannels[c]])) as Record<NotificationCategory, NotificationChannel>,
    digestHour: row?.digestHour ?? DEFAULT_DIGEST_HOUR,
    timeZone: row?.timeZone ?? 'UTC',
    digest: !row?.digestUnsubscribedAt,
  };
}

/** A user's preferences inside a transaction of their tenant (the defaults when none are saved). */
export async function preferencesOf(tx: Tx, tenantId: string, userId: string): Promise<NotificationPreferencesDto> {
  const [row] = await tx.select().from(notificationPreferences).where(and(eq(notificationPreferences.tenantId, tenantId), eq(notificationPreferences.userId, userId)));
  return toPreferences(row);
}

export async function getMyNotificationPreferences(ctx: RequestContext): Promise<NotificationPreferencesDto> {
  assertCan(ctx, 'account.read');
  return withHomeTenant(ctx, (tx) => preferencesOf(tx, ctx.homeTenant.id, ctx.user.id));
}

/** Saves the user's preferences (account.write); audited with before and after. */
export async function updateMyNotificationPreferences(ctx: RequestContext, input: z.input<typeof notificationPreferencesSchema>): Promise<NotificationPreferencesDto> {
  assertCan(ctx, 'account.write');
  const values = notificationPreferencesSchema.parse(input);
  const tenantId = ctx.homeTenant.id;
  return withHomeTenant(ctx, async (tx) => {
    const before = await preferencesOf(tx, tenantId, ctx.user.id);
    const channels = { ...before.channels, ...values.channels };
    const digest = values.digest ?? before.digest;
    // Unsubscribed keeps its first moment; subscribing again clears it.
    const unsubscribedAt = digest ? null : before.digest ? sql`now()` : sql`${notificationPreferences.digestUnsubscribedAt}`;
    const set = { channels, digestHour: values.digestHour, timeZone: values.timeZone, digestUnsubscribedAt: unsubscribedAt, updatedAt: sql`now()` };
    await tx
      .insert(notificationPreferences)
      .values({ tenantId, userId: ctx.user.id, channels, digestHour: values.digestHour, timeZone: values.timeZone, digestUnsubscribedAt: digest ? null : sql`now()` })
      .onConflictDoUpdate({ target: [notificationPreferences.tenantId, notificationPreferences.userId], set });
    const after = await preferencesOf(tx, tenantId, ctx.user.id);
    await recordAuditIn(tx, ctx, tenantId, { action: 'account.notifications_updated', resourceType: 'user', resourceId: ctx.user.id, details: { before, after } });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// One-click unsubscribe (RFC 8058): a signed token names the user; no session needed.

const sign = (payload: string) => createHmac('sha256', env().NEXTAUTH_SECRET).update(`digest-unsubscribe:${payload}`).digest('base64url');

/** The token in a digest's List-Unsubscribe link: the user's tenant and id, signed. */
export function unsubscribeToken(tenantId: string, userId: string): string {
  const payload = Buffer.from(`${tenantId}.${userId}`).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

function readToken(token: string): { tenantId: string; userId: string } | null {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [tenantId, userId] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  return tenantId && userId && uuid.test(tenantId) && uuid.test(userId) ? { tenantId, userId } : null;
}

/**
 * Unsubscribes the token's user from the digest at once (safe to repeat). Unsafe by name: it acts
 * without a session, on the authority of the signature alone. False for a token that is not ours.
 */
export async function unsafeUnsubscribeDigest(token: string, meta: { requestId: string; ip: string | null; userAgent: string | null }, tenantSlug?: string): Promise<boolean> {
  const who = readToken(token);
  if (!who) return false;
  if (tenantSlug !== undefined) {
    // The page's link names the tenant too: a token shown under another tenant's address is not valid there.
    const [tenant] = await appDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, tenantSlug));
    if (tenant?.id !== who.tenantId) return false;
  }
  return inTenantScope({ tenantId: who.tenantId, userId: who.userId }, async (tx) => {
    const changed = await tx.execute<{ user_id: string }>(sql`
      insert into notification_preferences (tenant_id, user_id, digest_unsubscribed_at)
      select tenant_id, id, now() from users where tenant_id = ${who.tenantId} and id = ${who.userId}
      on conflict (tenant_id, user_id) do update set digest_unsubscribed_at = coalesce(notification_preferences.digest_unsubscribed_at, now()), updated_at = now()
      returning user_id`);
    if (changed.length === 0) return false;
    await recordTenantAudit(tx, {
      tenantId: who.tenantId,
      actorUserId: who.userId,
      actorTenantId: who.tenantId,
      via: 'system',
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      action: 'account.digest_unsubscribed',
      resourceType: 'user',
      resourceId: who.userId,
    });
    return true;
  });
}

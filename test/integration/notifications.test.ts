import { describe, expect, it } from 'vitest';
import { unsafeSendDigests } from '@/lib/data/internal/digest';
import { notifyUser } from '@/lib/data/internal/notify';
import { listMyNotifications, unsafeUnsubscribeDigest, unsubscribeToken, updateMyNotificationPreferences } from '@/lib/data/notifications';
import { markNotificationsRead } from '@/lib/data/account';
import { inTenantScope } from '@/lib/data/tx';
import { ALICE, contextFor, meta, owner, userId } from '../support/world';

/** 03:10 UTC on a fixed day: no demo user's default digest hour (08:00) is due then. */
const AT = new Date('2026-12-07T03:10:00Z');
const mailsTo = async (to: string) =>
  owner()`select subject, body, headers from mail_outbox where to_address = ${to} and subject like '%daily digest%' order by created_at`;

describe('the daily digest', () => {
  it("is one mail for alice covering her own tenant and the tenants her links let her see, grouped by tenant, once per local date", async () => {
    const alice = await contextFor(...ALICE);
    await updateMyNotificationPreferences(alice, { digestHour: 3, timeZone: 'UTC' });
    // Something new in a managed tenant: an alert in northwind, raised an hour ago.
    await owner()`insert into alerts (tenant_id, type, severity, dedup_key, title, message, first_seen_at)
      select id, 'sla_breach', 'warning', 'digest-test', 'TKT-DIGEST: resolution target breached', 'Digest test', now() - interval '1 hour' from tenants where slug = 'northwind'`;

    const first = await unsafeSendDigests({ now: AT });
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const [mail, ...more] = await mailsTo('alice@acme-msp.example');
    expect(more).toEqual([]);
    expect(mail!.subject).toMatch(/^Acme Managed Services: your daily digest \(\d+ items?\)$/);
    expect(mail!.body).toContain('Your daily digest for 2026-12-07 (UTC)');
    // Grouped by tenant: northwind's part names the new alert, under its own heading, once.
    expect(mail!.body).toContain('Northwind Fiber (a tenant you manage)\n- ');
    expect(mail!.body).toContain('TKT-DIGEST: resolution target breached (warning)');
    expect(mail!.body.split('Northwind Fiber (a tenant you manage)')).toHaveLength(2);
    // Never a tenant she has no live link to.
    expect(mail!.body).not.toMatch(/Globex|Fabrikam/);
    // One-click unsubscribe, signed.
    const token = unsubscribeToken(alice.homeTenant.id, alice.user.id);
    expect(mail!.headers).toEqual({ 'List-Unsubscribe': `</api/unsubscribe?token=${token}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(mail!.body).toContain(`/t/acme-msp/unsubscribe?token=${token}`);
    // The managed tenant records that the digest read it for alice.
    const [read] = await owner()`select actor_label, via from audit_events where action = 'notifications.digest_read' and tenant_id = (select id from tenants where slug = 'northwind')`;
    expect(read).toEqual({ actor_label: 'alice@acme-msp.example', via: 'link' });

    // The same hour again, and later that day: nothing more.
    await unsafeSendDigests({ now: AT });
    await unsafeSendDigests({ now: new Date('2026-12-07T03:55:00Z') });
    expect(await mailsTo('alice@acme-msp.example')).toHaveLength(1);
    // The next day at her hour: the next one.
    await unsafeSendDigests({ now: new Date('2026-12-08T03:05:00Z') });
    expect(await mailsTo('alice@acme-msp.example')).toHaveLength(2);
  });

  it('is never sent empty, follows the time zone, and stops at once after one-click unsubscribe', async () => {
    const ben = await contextFor('northwind', 'basic@northwind.example');
    // An end user sees no alerts, tickets, links or invoices of others: nothing to send.
    await updateMyNotificationPreferences(ben, { digestHour: 3, timeZone: 'UTC' });
    await unsafeSendDigests({ now: AT });
    expect(await mailsTo('basic@northwind.example')).toEqual([]);
    // Checked for the day (so the job does not look again this hour), nothing sent.
    expect(await owner()`select items from digest_runs where user_id = ${ben.user.id}`).toEqual([{ items: 0 }]);

    // northwind's admin in India: 08:00 to 08:59 there is 02:30 to 03:29 UTC (07:50 there is not yet).
    const admin = await contextFor('northwind', 'admin@northwind.example');
    await updateMyNotificationPreferences(admin, { digestHour: 8, timeZone: 'Asia/Kolkata' });
    await owner()`insert into alerts (tenant_id, type, severity, dedup_key, title, message) values (${admin.homeTenant.id}, 'uptime_breach', 'warning', 'digest-tz', 'Uptime under target', 'x')`;
    await unsafeSendDigests({ now: new Date('2026-12-07T02:20:00Z') });
    expect(await mailsTo('admin@northwind.example')).toEqual([]);
    await unsafeSendDigests({ now: new Date('2026-12-07T02:40:00Z') });
    const [mail] = await mailsTo('admin@northwind.example');
    expect(mail!.body).toContain('Your daily digest for 2026-12-07 (Asia/Kolkata)');

    // One click (no session): unsubscribed at once; a forged token does nothing.
    const token = unsubscribeToken(admin.homeTenant.id, admin.user.id);
    expect(await unsafeUnsubscribeDigest(`${token.slice(0, -3)}abc`, meta)).toBe(false);
    expect(await unsafeUnsubscribeDigest(token, meta, 'globex')).toBe(false);
    expect(await unsafeUnsubscribeDigest(token, meta)).toBe(true);
    await unsafeSendDigests({ now: new Date('2026-12-08T02:40:00Z') });
    expect(await mailsTo('admin@northwind.example')).toHaveLength(1);
    const [audit] = await owner()`select action from audit_events where action = 'account.digest_unsubscribed' and resource_id = ${admin.user.id}`;
    expect(audit).toBeDefined();
    // Changing the hour later keeps the unsubscribe; only asking for the digest again undoes it.
    expect(await updateMyNotificationPreferences(admin, { digestHour: 9, timeZone: 'Asia/Kolkata' })).toMatchObject({ digest: false, digestHour: 9 });
    expect(await updateMyNotificationPreferences(admin, { digestHour: 9, timeZone: 'Asia/Kolkata', digest: true })).toMatchObject({ digest: true });
  });

  it('refuses a digest hour outside 0-23 and a time zone that does not exist, changing nothing', async () => {
    const alice = await contextFor(...ALICE);
    await expect(updateMyNotificationPreferences(alice, { digestHour: 24, timeZone: 'UTC' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(updateMyNotificationPreferences(alice, { digestHour: 7, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ name: 'ZodError' });
    expect(await owner()`select 1 from notification_preferences where user_id = ${alice.user.id}`).toEqual([]);
  });
});

describe('notices and their channels', () => {
  it('mails at once, waits for the digest, or stays in the portal as the user chose; a critical alert bypasses the digest', async () => {
    const alice = await contextFor(...ALICE);
    const tenantId = alice.homeTenant.id;
    const id = await userId('acme-msp', 'alice@acme-msp.example');
    const tell = (kind: string, title: string, critical = false) =>
      inTenantScope({ tenantId }, (tx) => notifyUser(tx, { tenantId, userId: id, kind, title, body: title, mailTo: 'alice@acme-msp.example', tenantName: 'Acme', critical }));
    const mailed = async (title: string) => (await owner()`select 1 from mail_outbox where to_address = 'alice@acme-msp.example' and subject = ${`Acme: ${title}`}`).length;

    // Defaults: alerts wait for the digest, her account's notices are mailed at once.
    await tell('alert.raised', 'A warning alert');
    await tell('alert.raised', 'A critical alert', true);
    await tell('subscription.confirmed', 'An account notice');
    expect([await mailed('A warning alert'), await mailed('A critical alert'), await mailed('An account notice')]).toEqual([0, 1, 1]);

    await updateMyNotificationPreferences(alice, { digestHour: 8, timeZone: 'UTC', channels: { alerts: 'none', account: 'digest' } });
    await tell('alert.raised', 'Critical but off', true);
    await tell('subscription.confirmed', 'Account, in the digest');
    expect([await mailed('Critical but off'), await mailed('Account, in the digest')]).toEqual([0, 0]);

    // All of them are in the notification centre; marking one read, then the rest.
    const centre = await listMyNotifications(alice);
    expect(centre.items.map((n) => n.title)).toEqual(expect.arrayContaining(['A warning alert', 'A critical alert', 'An account notice', 'Critical but off', 'Account, in the digest']));
    const before = centre.unread;
    expect(before).toBeGreaterThanOrEqual(5);
    expect(await markNotificationsRead(alice, { ids: [centre.items[0]!.id] })).toEqual({ marked: 1 });
    expect((await listMyNotifications(alice)).unread).toBe(before - 1);
    // Another user's notice id is simply not hers: nothing marked.
    const [other] = await owner()`select id from notifications where user_id <> ${id} and read_at is null limit 1`;
    if (other) expect(await markNotificationsRead(alice, { ids: [other.id as string] })).toEqual({ marked: 0 });
    await markNotificationsRead(alice, {});
    expect((await listMyNotifications(alice)).unread).toBe(0);
  });
});

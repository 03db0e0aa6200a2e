import 'server-only';
import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { kycFiles, kycSubmissions, tenants, users } from '@/db/schema';
import { userTypeLabels, type UserType } from '@/lib/config/enums';
import { recordSystemAudit } from '../audit';
import { appDb } from '../db';
import { readEndUserSettings } from '../end-user-settings';
import { ladder, transitionUserType } from '../user-types';
import { inTenantScope } from '../tx';
import { notifyUser } from './notify';

// Daily jobs on the pg-boss queue, per tenant in its own scope. Both are safe to run twice: every
// step is a conditional update that a second run finds already done.

const WARN_DAYS = [30, 7] as const;

async function activeTenants() {
  return appDb().select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.status, 'active'));
}

/**
 * Verified identity documents nearing or past their expiry: a notice and a mail 30 and 7 days
 * before (each once), and on the day the check turns `expired` and the user is downgraded per
 * the tenant's rule (to guest, or one type down), with a "Re-verify" notice.
 */
export async function unsafeRunKycExpiry(): Promise<{ warned: number; expired: number }> {
  let warned = 0;
  let expired = 0;
  for (const t of await activeTenants()) {
    await inTenantScope({ tenantId: t.id }, async (tx) => {
      for (const days of WARN_DAYS) {
        const due = await tx
          .update(kycSubmissions)
          .set({ warnedDays: sql`array_append(${kycSubmissions.warnedDays}, ${days}::int)` })
          .where(
            and(
              eq(kycSubmissions.tenantId, t.id),
              eq(kycSubmissions.status, 'verified'),
              isNotNull(kycSubmissions.documentExpiresOn),
              sql`${kycSubmissions.documentExpiresOn} > current_date`,
              sql`${kycSubmissions.documentExpiresOn} <= current_date + ${days}::int`,
              sql`not (${days}::int = any(${kycSubmissions.warnedDays}))`,
              // A 30-day warning is not sent when the 7-day one is already due.
              days === 30 ? sql`${kycSubmissions.documentExpiresOn} > current_date + 7` : undefined,
            ),
          )
          .returning({ id: kycSubmissions.id, userId: kycSubmissions.userId, on: kycSubmissions.documentExpiresOn });
        for (const s of due) {
          const [u] = await tx.select({ email: users.email }).from(users).where(and(eq(users.tenantId, t.id), eq(users.id, s.userId)));
          await notifyUser(tx, {
            tenantId: t.id,
            userId: s.userId,
            kind: 'kyc.expiring',
            title: `Your identity document expires on ${s.on}`,
            body: `Your verified document expires on ${s.on}. Re-verify with a valid document before then to keep your account type.`,
            href: `/t/${t.slug}/account`,
            mailTo: u?.email,
            tenantName: t.name,
          });
          warned++;
        }
      }

      const lapsed = await tx
        .update(kycSubmissions)
        .set({ status: 'expired', updatedAt: sql`now()` })
        .where(and(eq(kycSubmissions.tenantId, t.id), eq(kycSubmissions.kind, 'identity'), eq(kycSubmissions.status, 'verified'), lte(kycSubmissions.documentExpiresOn, sql`current_date`)))
        .returning({ id: kycSubmissions.id, userId: kycSubmissions.userId });
      if (lapsed.length === 0) return;
      const settings = await readEndUserSettings(tx, t.id);
      for (const s of lapsed) {
        const [u] = await tx.select({ type: users.type, email: users.email }).from(users).where(and(eq(users.tenantId, t.id), eq(users.id, s.userId)));
        const audit = (e: { action: string; resourceType: string; resourceId: string; details: Record<string, unknown> }) => recordSystemAudit(tx, t.id, e);
        await audit({ action: 'kyc.expired', resourceType: 'kyc_submission', resourceId: s.id, details: {} });
        let to: UserType | null = null;
        if (u && u.type !== 'guest' && u.type !== 'admin') {
          to = settings.expiryDowngrade === 'guest' ? 'guest' : ladder[ladder.indexOf(u.type) - 1]!;
          await transitionUserType(tx, { tenantId: t.id, userId: s.userId, from: u.type, to, source: 'expiry', reason: 'Identity document expired', actor: null, audit });
        }
        await notifyUser(tx, {
          tenantId: t.id,
          userId: s.userId,
          kind: 'kyc.expired',
          title: 'Your identity document expired',
          body: `Your identity document expired${to ? `, so your account is now ${userTypeLabels[to]}` : ''}. Re-verify with a valid document to move up again.`,
          href: `/t/${t.slug}/account/verify`,
          mailTo: u?.email,
          tenantName: t.name,
        });
        expired++;
      }
    });
  }
  return { warned, expired };
}

/**
 * Deletes document files a tenant-set number of days (default 90) after their submission's final
 * decision. The decision, the entered fields and the audit trail stay; each purge is audited.
 */
export async function unsafePurgeKycFiles(): Promise<{ purged: number }> {
  let purged = 0;
  for (const t of await activeTenants()) {
    await inTenantScope({ tenantId: t.id }, async (tx) => {
      const { kycRetentionDays } = await readEndUserSettings(tx, t.id);
      const due = await tx
        .select({ id: kycSubmissions.id })
        .from(kycSubmissions)
        .where(
          and(
            eq(kycSubmissions.tenantId, t.id),
            inArray(kycSubmissions.status, ['verified', 'resubmission_requested', 'rejected', 'expired', 'revoked']),
            isNull(kycSubmissions.filesPurgedAt),
            lte(kycSubmissions.decidedAt, sql`now() - make_interval(days => ${kycRetentionDays})`),
          ),
        )
        .limit(1000);
      if (due.length === 0) return;
      const ids = due.map((d) => d.id);
      const files = await tx
        .update(kycFiles)
        .set({ data: null, purgedAt: sql`now()` })
        .where(and(eq(kycFiles.tenantId, t.id), inArray(kycFiles.submissionId, ids), isNull(kycFiles.purgedAt)))
        .returning({ id: kycFiles.id });
      await tx.update(kycSubmissions).set({ filesPurgedAt: sql`now()` }).where(and(eq(kycSubmissions.tenantId, t.id), inArray(kycSubmissions.id, ids)));
      await recordSystemAudit(tx, t.id, {
        action: 'kyc.files_purged',
        resourceType: 'kyc_submission',
        details: { submissions: ids.length, files: files.length, retentionDays: kycRetentionDays },
      });
      purged += files.length;
    });
  }
  return { purged };
}

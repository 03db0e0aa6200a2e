import 'server-only';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { mailOutbox, tenants } from '@/db/schema';
import { MAIL_BATCH, MAIL_LEASE_SECONDS, MAIL_MAX_ATTEMPTS, mailRetryDelayMs } from '@/lib/config/mail';
import { env, settings } from '@/lib/env';
import { log } from '@/lib/log';
import { absolutizeHeaders, fromHeader, renderMail } from '@/lib/mail/render';
import { mailTransport, smtpFailure } from '@/lib/mail/transport';
import { appDb } from '../db';
import { inTenantScope } from '../tx';

export type MailRunResult = { sent: number; retrying: number; failed: number; tenants: number };

/**
 * The sender (queue `mail-send`): every tenant with mail due, each in its own scope. A pass takes
 * up to MAIL_BATCH of a tenant's due mail under a lease (attempts counted, next attempt moved past
 * the lease) and commits, then sends outside any transaction and records each answer. A sender
 * killed mid-send leaves its mail leased: the next pass after the lease takes it again, so each
 * mail is sent at least once (an SMTP server's Message-ID is no dedup across sends; the lease is
 * long enough that this happens only after a crash). Without SMTP_URL nothing is taken.
 */
export async function unsafeSendMail(opts: { maxTenants?: number } = {}): Promise<MailRunResult> {
  const out: MailRunResult = { sent: 0, retrying: 0, failed: 0, tenants: 0 };
  const transport = mailTransport();
  if (!transport) return out;
  const due = await appDb().execute<{ tenant_id: string }>(sql`select tenant_id from portal_mail_due_tenants(${opts.maxTenants ?? 1000})`);
  const baseUrl = settings().NEXTAUTH_URL ?? 'http://localhost:3000';
  const from = env().MAIL_FROM;
  for (const { tenant_id: tenantId } of due) {
    out.tenants += 1;
    const { tenantName, batch } = await inTenantScope({ tenantId }, async (tx) => {
      const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
      const ids = tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(MAIL_BATCH)
        .for('update', { skipLocked: true });
      const taken = await tx
        .update(mailOutbox)
        .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${MAIL_LEASE_SECONDS})` })
        .where(and(eq(mailOutbox.tenantId, tenantId), inArray(mailOutbox.id, ids)))
        .returning();
      return { tenantName: tenant?.name ?? 'Partner Portal', batch: taken };
    });
    for (const mail of batch) {
      const { text, html } = renderMail({ tenantName, subject: mail.subject, body: mail.body, html: mail.html }, baseUrl);
      let outcome: { status: 'sent'; messageId: string } | { status: 'queued' | 'failed'; error: string; retryInMs: number | null };
      try {
        const info = await transport.sendMail({ from: fromHeader(tenantName, from), to: mail.toAddress, subject: mail.subject, text, html, headers: absolutizeHeaders(mail.headers as Record<string, string>, baseUrl), messageId: `<${mail.id}@${from.split('@')[1]}>` });
        outcome = { status: 'sent', messageId: info.messageId };
      } catch (error) {
        const failure = smtpFailure(error);
        const retryInMs = failure.permanent || mail.attempts >= MAIL_MAX_ATTEMPTS ? null : mailRetryDelayMs(mail.attempts);
        outcome = { status: retryInMs === null ? 'failed' : 'queued', error: failure.message, retryInMs };
        log('warn', 'mail not delivered', { tenantId, mailId: mail.id, attempts: mail.attempts, final: retryInMs === null, error: failure.message });
      }
      await inTenantScope({ tenantId }, (tx) =>
        tx
          .update(mailOutbox)
          .set(
            outcome.status === 'sent'
              ? { status: 'sent', sentAt: sql`now()`, messageId: outcome.messageId, lastError: null }
              : { status: outcome.status, lastError: outcome.error, nextAttemptAt: outcome.retryInMs === null ? sql`now()` : sql`now() + make_interval(secs => ${outcome.retryInMs / 1000})` },
          )
          .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.id, mail.id))),
      );
      if (outcome.status === 'sent') out.sent += 1;
      else if (outcome.status === 'failed') out.failed += 1;
      else out.retrying += 1;
    }
  }
  return out;
}

import 'server-only';
import { mailOutbox, notifications } from '@/db/schema';
import { categoryOf } from '@/lib/config/notifications';
import { preferencesOf } from '../notifications';
import type { Tx } from '../tx';

/**
 * Tells one user something: a notice in the notification centre and, when `mailTo` is given and
 * the user's preference for its category is "mail at once", a mail in the outbox (a critical one
 * unless they turned the category off), both in the caller's transaction, so a rolled-back change
 * tells nobody. A category set to the digest is summed up there instead.
 */
export async function notifyUser(
  tx: Tx,
  n: { tenantId: string; userId: string; kind: string; title: string; body: string; href?: string; mailTo?: string; tenantName?: string; critical?: boolean },
): Promise<void> {
  await tx.insert(notifications).values({ tenantId: n.tenantId, userId: n.userId, kind: n.kind, title: n.title, body: n.body, href: n.href ?? null });
  if (!n.mailTo) return;
  const channel = (await preferencesOf(tx, n.tenantId, n.userId)).channels[categoryOf(n.kind)];
  if (channel === 'immediate' || (n.critical && channel !== 'none')) {
    await queueMail(tx, { tenantId: n.tenantId, to: n.mailTo, subject: n.tenantName ? `${n.tenantName}: ${n.title}` : n.title, body: n.href ? `${n.body}\n\n${n.href}` : n.body });
  }
}

/**
 * Queues a mail in the caller's transaction (mail of a rolled-back change is never sent); the
 * worker's sender takes it within seconds (lib/jobs/worker.ts). `html` replaces the part rendered
 * from `body`; `headers` are added as given.
 */
export async function queueMail(tx: Tx, m: { tenantId: string; to: string; subject: string; body: string; html?: string; headers?: Record<string, string> }): Promise<void> {
  await tx.insert(mailOutbox).values({ tenantId: m.tenantId, toAddress: m.to, subject: m.subject, body: m.body, html: m.html ?? null, headers: m.headers ?? {} });
}

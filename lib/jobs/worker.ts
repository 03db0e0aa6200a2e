import PgBoss from 'pg-boss';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { unsafeExpireLinkRequests } from '@/lib/data/internal/link-requests';
import { unsafePruneRateLimitCounters } from '@/lib/data/internal/rate-limit';
import { unsafePurgeKycFiles, unsafeRunKycExpiry } from '@/lib/data/internal/kyc-jobs';
import { unsafeRunSubscriptionGrace, unsafeRunSubscriptionPeriods } from '@/lib/data/internal/subscription-jobs';
import { unsafeRunBilling, unsafeRunDunning } from '@/lib/data/internal/billing-jobs';
import { unsafeRunAlertScan, unsafeRunTicketAutoClose } from '@/lib/data/internal/ticket-jobs';
import { isExportBuildJob, unsafeBuildExport, unsafePruneExports } from '@/lib/data/internal/export-build';
import { isExportJob, unsafeRunTenantExport } from '@/lib/data/internal/tenant-export';
import { unsafeSendMail } from '@/lib/data/internal/mail-send';
import { unsafeSendDigests } from '@/lib/data/internal/digest';
import { isReplayJob, unsafeDeliverWebhooks, unsafeReplayWebhooks } from '@/lib/data/internal/webhook-deliver';
import { sealAllTenants } from './audit-sealing';
import { JOB_SCHEMA, QUICK_QUEUES, QUICK_SECONDS, queues, type QueueName } from '@/lib/config/queues';

const handlers: Record<QueueName, (jobs: PgBoss.Job<unknown>[]) => Promise<unknown>> = {
  'audit-seal': async () => {
    const sealed = await sealAllTenants();
    if (sealed > 0) log('info', 'audit events sealed', { sealed });
    return { sealed };
  },
  'link-requests-expire': async () => ({ expired: await unsafeExpireLinkRequests() }),
  'rate-limits-prune': async () => ({ pruned: await unsafePruneRateLimitCounters() }),
  'kyc-expiry': () => unsafeRunKycExpiry(),
  'kyc-retention': () => unsafePurgeKycFiles(),
  'subscriptions-grace': () => unsafeRunSubscriptionGrace(),
  'subscriptions-periods': () => unsafeRunSubscriptionPeriods(),
  'billing-run': () => unsafeRunBilling(),
  'billing-dunning': () => unsafeRunDunning(),
  'tickets-auto-close': () => unsafeRunTicketAutoClose(),
  'alerts-scan': () => unsafeRunAlertScan(),
  'mail-send': () => unsafeSendMail(),
  'notifications-digest': () => unsafeSendDigests(),
  'webhooks-deliver': () => unsafeDeliverWebhooks(),
  'webhooks-replay': async (jobs) => {
    const out = [];
    for (const job of jobs) out.push(isReplayJob(job.data) ? await unsafeReplayWebhooks(job.data) : { skipped: 'no endpoint named' });
    return out;
  },
  'export-build': async (jobs) => {
    const out = [];
    for (const job of jobs) out.push(isExportBuildJob(job.data) ? await unsafeBuildExport(job.data) : { skipped: 'no export named' });
    return out;
  },
  'exports-prune': () => unsafePruneExports(),
  // The payload names the tenant and the export; the job scopes itself to that tenant. The
  // start trigger (no payload) has nothing to export.
  'tenant-export': async (jobs) => {
    const out = [];
    for (const job of jobs) out.push(isExportJob(job.data) ? await unsafeRunTenantExport(job.data) : { skipped: 'no export named' });
    return out;
  },
};

/**
 * Starts this instance's pg-boss: it schedules the cron queues (pg-boss fires each tick once
 * across all instances), works every queue, and runs each queue once now, so work that fell due
 * while no instance ran (an hourly expiry across a deploy) is not late by a whole period. The
 * start run is deduplicated per queue for a minute across instances started together. The
 * runtime role runs no DDL (migrate: false).
 */
export async function startJobs(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: env().DATABASE_APP_URL, schema: JOB_SCHEMA, migrate: false, max: 3 });
  boss.on('error', (error) => log('warn', 'job queue error', { error: error.message }));
  await boss.start();
  for (const q of queues) {
    if (q.cron) await boss.schedule(q.name, q.cron);
    await boss.work(q.name, handlers[q.name]);
    await boss.send(q.name, { trigger: 'start' }, { singletonKey: 'start', singletonSeconds: 60 });
  }
  const quick = setInterval(() => {
    for (const name of QUICK_QUEUES) boss.send(name, { trigger: 'tick' }).catch((error: Error) => log('warn', 'job not sent', { queue: name, error: error.message }));
  }, QUICK_SECONDS * 1000);
  quick.unref();
  boss.once('stopped', () => clearInterval(quick));
  return boss;
}

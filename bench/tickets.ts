/**
 * The support part of `npm run bench`: alice's ticket board over the tenants Acme manages (first
 * page, timed, its statements counted), the SLA report over 90 days for the same tenants, and
 * the breach scan over every tenant's unresolved tickets (first run, which computes timers never
 * stored, and a repeat), in this process against the runtime role.
 */
import postgres from 'postgres';
import { countStatements, timeRuns } from './measure';

type Pct = (xs: number[], p: number) => number;

export async function ticketsBench(ownerUrl: string, appUrl: string, opts: { runs: number; pct: Pct; log: (m: string) => void }) {
  process.env.DATABASE_APP_URL = appUrl;
  process.env.NEXTAUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret-00';
  const { resolveContext } = await import('../lib/data/context');
  const { listBoard } = await import('../lib/data/ticket-board');
  const { slaReport } = await import('../lib/data/reports');
  const { unsafeRunAlertScan } = await import('../lib/data/internal/ticket-jobs');
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [alice] = await owner`select u.id, u.tenant_id from users u join tenants t on t.id = u.tenant_id where t.slug = 'acme-msp' and u.email = 'alice@acme-msp.example'`;
    const [session] = await owner`insert into sessions (tenant_id, user_id, expires_at) values (${alice!.tenant_id}, ${alice!.id}, now() + interval '1 day') returning id`;
    const ctx = await resolveContext({ sessionId: session!.id as string, userId: alice!.id as string, tenantId: alice!.tenant_id as string }, null, { requestId: 'bench', ip: null, userAgent: 'bench' });

    const count = countStatements;
    const time = (fn: () => Promise<unknown>, runs: number) => timeRuns(fn, runs, opts.pct);

    // The breach scan first: it stores the timers the board's SLA filters read.
    const [open] = await owner`select count(*)::int as n from tickets where status not in ('resolved', 'closed')`;
    const scanRun = async () => {
      const t = performance.now();
      const r = await unsafeRunAlertScan();
      const seconds = (performance.now() - t) / 1000;
      // Per 100,000 unresolved tickets in the dataset, whether the run computed their timers again or not.
      return { ...r, seconds: +seconds.toFixed(2), secondsPer100kOpen: +((seconds * 100_000) / Math.max(1, open!.n as number)).toFixed(2) };
    };
    const scan = { openTickets: open!.n as number, first: await scanRun(), repeat: await scanRun() };
    opts.log(`breach scan ${JSON.stringify(scan)}`);

    const board = () => listBoard(ctx, { limit: 50 });
    const breaching = () => listBoard(ctx, { limit: 50, sla: 'breached', status: 'new,open,pending,on_hold' });
    const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
    const report = () => slaReport(ctx, { from_date: from });
    const first = await board();
    const [total] = await owner`select count(*)::int as n from tickets where tenant_id = any(${first.tenants.map((t) => t.id)}::uuid[])`;
    const runs = Math.min(50, opts.runs);
    const result = {
      tenants: first.tenants.length,
      ticketsOnTheBoard: total!.n as number,
      boardFirstPage: { ...(await time(board, runs)), statements: await count(board), rows: first.items.length },
      boardBreachedOpen: { ...(await time(breaching, runs)), statements: await count(breaching) },
      slaReport90Days: { ...(await time(report, Math.min(20, runs))), statements: await count(report) },
      breachScan: scan,
    };
    opts.log(`support ${JSON.stringify(result)}`);
    await owner`delete from sessions where id = ${session!.id}`;
    return result;
  } finally {
    await owner.end();
    const { closeAll } = await import('../db/client');
    await closeAll();
  }
}
